package io.ringkv.cli.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.ringkv.api.grpc.v1.GetRequest;
import io.ringkv.api.grpc.v1.GetResponse;
import io.ringkv.api.grpc.v1.KeyValueGrpcClient;
import io.ringkv.api.grpc.v1.PutRequest;
import io.ringkv.api.grpc.v1.PutResponse;
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
import java.util.function.Function;

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
  private final KeyContexts<ByteString> contexts;
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
    this.contexts = new KeyContexts<>(!config.blindWrites(), ByteString::isEmpty);
  }

  @Override
  public Future<Outcome> execute(Call call) {
    SocketAddress target = targets.get(nextTarget);
    nextTarget = (nextTarget + 1) % targets.size();
    ByteString key = ByteString.copyFromUtf8(call.keyName());
    if (call.operation() == Operation.GET) {
      GetRequest get = GetRequest.newBuilder().setBucket(bucket).setKey(key).setR(r).build();
      // A missing key is no gRPC error: the node answers OK with found=false (README, "gRPC").
      return send(target, KeyValueGrpcClient.Get, get, call, GetResponse::getContext,
          answer -> answer.getFound() ? Outcome.SUCCESS : Outcome.NOT_FOUND);
    }
    PutRequest.Builder put = PutRequest.newBuilder()
        .setBucket(bucket).setKey(key).setValue(value).setContentType(OCTET_STREAM).setW(w);
    ByteString context = contexts.forPut(call.keyName());
    if (context != null) {
      put.setContext(context);
    }
    return send(target, KeyValueGrpcClient.Put, put.build(), call, PutResponse::getContext, answer -> Outcome.SUCCESS);
  }

  private <Req extends Message, Resp> Future<Outcome> send(
      SocketAddress target, ServiceMethod<Resp, Req> method, Req message, Call call,
      Function<Resp, ByteString> contextOf, Function<Resp, Outcome> outcomeOf) {
    return client.request(target, method)
        .compose(request -> {
          call.markSent();
          return request.idleTimeout(timeoutMillis).send(message);
        })
        .compose(response -> outcome(call, response, contextOf, outcomeOf));
  }

  /** The status arrives in the trailers: wait for the end of the response, whatever it carries. */
  private <Resp> Future<Outcome> outcome(
      Call call, GrpcClientResponse<?, Resp> response, Function<Resp, ByteString> contextOf,
      Function<Resp, Outcome> outcomeOf) {
    return response.last().transform(done -> {
      Resp answer = done.succeeded() ? done.result() : null;
      if (answer != null) {
        contexts.remember(call.keyName(), contextOf.apply(answer));
      }
      GrpcStatus status = response.status();
      if (status == GrpcStatus.OK && answer != null) {
        return Future.succeededFuture(outcomeOf.apply(answer));
      }
      if (status != null) {
        return Future.succeededFuture(Outcome.ofGrpcStatus(call.operation(), status));
      }
      return done.succeeded() ? Future.succeededFuture(Outcome.SUCCESS) : Future.failedFuture(done.cause());
    });
  }

  @Override
  public Future<Void> close() {
    return client.close().eventually(transport::close);
  }
}
