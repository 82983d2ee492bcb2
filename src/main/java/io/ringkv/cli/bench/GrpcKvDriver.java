package io.ringkv.cli.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.ringkv.api.grpc.v1.GetRequest;
import io.ringkv.api.grpc.v1.KeyValueGrpcClient;
import io.ringkv.api.grpc.v1.PutRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.util.List;

/**
 * Gets and puts over gRPC ({@code ringkv.v1.KeyValue}), with the generated method descriptors of
 * {@link KeyValueGrpcClient}. HTTP/2 multiplexes the requests over a few connections per target.
 */
final class GrpcKvDriver implements KvDriver {

  private static final String OCTET_STREAM = "application/octet-stream";

  private final HttpClientAgent transport;
  private final GrpcClient client;
  private final List<SocketAddress> targets;
  private final String bucket;
  private final int r;
  private final int w;
  private final ByteString value;
  private final long timeoutMillis;
  private int nextTarget;

  GrpcKvDriver(Vertx vertx, BenchConfig config, int connections) {
    // Our own HTTP client so that the pool can hold several HTTP/2 connections per target.
    this.transport = vertx.httpClientBuilder()
        .with(new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_2)
            .setHttp2ClearTextUpgrade(false)
            .setTcpNoDelay(true)
            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis())))
        .with(new PoolOptions().setHttp2MaxSize(connections))
        .build();
    this.client = GrpcClient.client(vertx, transport);
    this.targets = config.targets().stream()
        .map(target -> SocketAddress.inetSocketAddress(target.port(), target.host()))
        .toList();
    this.bucket = config.bucket();
    this.r = config.r();
    this.w = config.w();
    this.value = ByteString.copyFrom(ValueBytes.of(config.valueSize(), config.seed()));
    this.timeoutMillis = config.timeout().toMillis();
  }

  @Override
  public Future<Outcome> execute(Call call) {
    SocketAddress target = targets.get(nextTarget);
    nextTarget = (nextTarget + 1) % targets.size();
    ByteString key = ByteString.copyFromUtf8(call.keyName());
    if (call.operation() == Operation.GET) {
      return send(target, KeyValueGrpcClient.Get, GetRequest.newBuilder().setBucket(bucket).setKey(key).setR(r).build(), call);
    }
    PutRequest put = PutRequest.newBuilder()
        .setBucket(bucket).setKey(key).setValue(value).setContentType(OCTET_STREAM).setW(w).build();
    return send(target, KeyValueGrpcClient.Put, put, call);
  }

  private <Req extends Message, Resp> Future<Outcome> send(
      SocketAddress target, ServiceMethod<Resp, Req> method, Req message, Call call) {
    return client.request(target, method)
        .compose(request -> {
          call.markSent();
          return request.idleTimeout(timeoutMillis).send(message);
        })
        .compose(response -> outcome(call.operation(), response));
  }

  /** The status arrives in the trailers: wait for the end of the response, whatever it carries. */
  private static Future<Outcome> outcome(Operation operation, GrpcClientResponse<?, ?> response) {
    return response.last().transform(done -> {
      GrpcStatus status = response.status();
      if (status != null) {
        return Future.succeededFuture(Outcome.ofGrpcStatus(operation, status));
      }
      return done.succeeded() ? Future.succeededFuture(Outcome.SUCCESS) : Future.failedFuture(done.cause());
    });
  }

  @Override
  public Future<Void> close() {
    return client.close().eventually(transport::close);
  }
}
