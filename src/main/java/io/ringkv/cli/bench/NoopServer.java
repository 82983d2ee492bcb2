package io.ringkv.cli.bench;

import com.google.protobuf.ByteString;
import io.ringkv.api.grpc.v1.DeleteRequest;
import io.ringkv.api.grpc.v1.DeleteResponse;
import io.ringkv.api.grpc.v1.GetRequest;
import io.ringkv.api.grpc.v1.GetResponse;
import io.ringkv.api.grpc.v1.KeyValueGrpcService;
import io.ringkv.api.grpc.v1.KeyValueService;
import io.ringkv.api.grpc.v1.PutRequest;
import io.ringkv.api.grpc.v1.PutResponse;
import io.ringkv.api.grpc.v1.Sibling;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.grpc.server.GrpcServer;

/**
 * The ceiling: a server that speaks ringkv's client APIs and does nothing. Reads answer 200 with a
 * fixed 1 KiB value, writes and deletes 204; the gRPC service answers at once. What the bench
 * measures against it is the cost of Vert.x, the network stack and the generator itself — the
 * best any ringkv node on the same machine could do. Deploy one instance per event loop.
 */
public final class NoopServer extends VerticleBase {

  /** The size of the value every read returns. */
  public static final int VALUE_SIZE = 1024;

  private static final Buffer VALUE = Buffer.buffer(ValueBytes.of(VALUE_SIZE, 0));
  private static final CharSequence OCTET_STREAM = HttpHeaders.createOptimized("application/octet-stream");

  private final String host;
  private final int httpPort;
  private final int grpcPort;
  private HttpServer http;
  private HttpServer grpc;

  /** Port 0 picks a free port; see {@link #httpPort()} and {@link #grpcPort()} after start. */
  public NoopServer(String host, int httpPort, int grpcPort) {
    this.host = host;
    this.httpPort = httpPort;
    this.grpcPort = grpcPort;
  }

  @Override
  public Future<?> start() {
    http = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(httpPort).setTcpNoDelay(true))
        .requestHandler(this::handle);
    GrpcServer grpcServer = GrpcServer.server(vertx).addService(KeyValueGrpcService.of(new NoopKeyValue()));
    grpc = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(grpcPort).setTcpNoDelay(true))
        .requestHandler(grpcServer);
    return Future.all(http.listen(), grpc.listen());
  }

  /** The HTTP port actually bound. */
  public int httpPort() {
    return http.actualPort();
  }

  /** The gRPC port actually bound. */
  public int grpcPort() {
    return grpc.actualPort();
  }

  private void handle(HttpServerRequest request) {
    if (!isKeyPath(request.path())) {
      request.response().setStatusCode(404).end();
      return;
    }
    switch (request.method().name()) {
      case "GET" -> request.response().putHeader(HttpHeaders.CONTENT_TYPE, OCTET_STREAM).end(VALUE);
      case "PUT", "DELETE" -> request.end().onComplete(ignored -> request.response().setStatusCode(204).end());
      default -> request.response().setStatusCode(405).end();
    }
  }

  /** {@code /buckets/{b}/keys/{k}} or {@code /kv/{k}}, with non-empty names. */
  static boolean isKeyPath(String path) {
    if (path.startsWith("/kv/")) {
      return path.length() > "/kv/".length();
    }
    if (!path.startsWith("/buckets/")) {
      return false;
    }
    int keys = path.indexOf("/keys/", "/buckets/".length());
    return keys > "/buckets/".length() && path.length() > keys + "/keys/".length();
  }

  /** The gRPC KeyValue service that answers every call at once. */
  private static final class NoopKeyValue extends KeyValueService {

    private static final GetResponse FOUND = GetResponse.newBuilder()
        .setFound(true)
        .addSiblings(Sibling.newBuilder()
            .setValue(ByteString.copyFrom(VALUE.getBytes()))
            .setContentType("application/octet-stream"))
        .build();
    private static final PutResponse STORED = PutResponse.getDefaultInstance();
    private static final DeleteResponse DELETED = DeleteResponse.getDefaultInstance();

    @Override
    public Future<GetResponse> get(GetRequest request) {
      return Future.succeededFuture(FOUND);
    }

    @Override
    public Future<PutResponse> put(PutRequest request) {
      return Future.succeededFuture(STORED);
    }

    @Override
    public Future<DeleteResponse> delete(DeleteRequest request) {
      return Future.succeededFuture(DELETED);
    }
  }
}
