package io.ringkv.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The production transport: Vert.x gRPC over HTTP/2 cleartext. One client per node keeps a small
 * pool of multiplexed connections per peer, so a quorum fan-out costs streams, not connections.
 */
public final class GrpcPeerTransport implements PeerTransport {

  private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

  /**
   * A sibling set of several values at the 1 MiB client limit must pass between peers: far above
   * gRPC's default of 256 KiB. Shared with {@link PeerServer}.
   */
  static final long MAX_MESSAGE_BYTES = 64L << 20;

  private final Vertx vertx;
  private final ConcurrentHashMap<Thread, GrpcClient> clientsByEventLoop = new ConcurrentHashMap<>();
  private final GrpcClient offLoopClient;
  private final ConcurrentHashMap<String, SocketAddress> addresses = new ConcurrentHashMap<>();

  public GrpcPeerTransport(Vertx vertx) {
    this.vertx = vertx;
    this.offLoopClient = newClient();
  }

  /**
   * A connection is bound to the event loop that opened it, and a request made from another loop
   * hops threads twice and contends on the connection's lock. So each event loop gets its own
   * client, hence its own connection to each peer: a request stays on the loop that made it.
   */
  private GrpcClient client() {
    if (!io.vertx.core.Context.isOnEventLoopThread()) {
      return offLoopClient;
    }
    return clientsByEventLoop.computeIfAbsent(Thread.currentThread(), loop -> newClient());
  }

  private GrpcClient newClient() {
    HttpClientOptions http =
        new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_2)
            .setHttp2ClearTextUpgrade(false)
            .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
            .setHttp2MultiplexingLimit(1_000)
            .setTcpNoDelay(true);
    return GrpcClient.builder(vertx)
        .with(new GrpcClientOptions().setScheduleDeadlineAutomatically(true).setMaxMessageSize(MAX_MESSAGE_BYTES))
        .with(http)
        .build();
  }

  @Override
  public <Req, Rep> Future<Rep> call(
      String peerAddress, ServiceMethod<Rep, Req> method, Req request, long deadlineMillis) {
    SocketAddress address;
    try {
      address = address(peerAddress);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new PeerCallException(method.methodName() + " to '" + peerAddress + "': " + e.getMessage(), e));
    }
    return client()
        .request(address, method)
        .compose(
            call -> {
              call.timeout(deadlineMillis, TimeUnit.MILLISECONDS);
              return call.send(request).compose(GrpcPeerTransport::singleReply);
            })
        // A safety net for a peer that accepts the connection and then never answers.
        .timeout(deadlineMillis + CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof PeerCallException
                        ? failure
                        : new PeerCallException(
                            method.methodName() + " to " + peerAddress + " failed: " + failure,
                            failure)));
  }

  private static <Req, Rep> Future<Rep> singleReply(GrpcClientResponse<Req, Rep> response) {
    if (response.status() != null && response.status() != GrpcStatus.OK) {
      return Future.failedFuture(
          new PeerCallException("peer answered " + response.status() + ": " + response.statusMessage()));
    }
    return response.last();
  }

  private SocketAddress address(String hostPort) {
    return addresses.computeIfAbsent(hostPort, PeerAddresses::parse);
  }

  @Override
  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    closing.add(offLoopClient.close());
    clientsByEventLoop.values().forEach(client -> closing.add(client.close()));
    return Future.join(closing).mapEmpty();
  }
}
