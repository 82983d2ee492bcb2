package io.ringkv.api.grpc;

import io.ringkv.api.RequestObserver;
import io.ringkv.api.grpc.v1.KeyValueGrpcService;
import io.ringkv.replication.Coordinator;
import io.ringkv.transport.SharedPorts;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.grpc.reflection.ReflectionService;
import io.vertx.grpc.server.GrpcProtocol;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.util.function.Supplier;

/**
 * Serves the client gRPC API ({@code ringkv.v1.KeyValue}) and gRPC server reflection v1 on one
 * port, over HTTP/2 without TLS (h2c) and over gRPC-Web (HTTP/1.1), for browsers and curl.
 *
 * <p>Deploy one instance per event loop, all on the same port; Vert.x then spreads the connections
 * over them. {@link #instances} makes that work for port 0 too:
 *
 * <pre>{@code
 * vertx.deployVerticle(
 *     GrpcApiVerticle.instances(coordinator, "127.0.0.1", 9091, DEFAULT_MAX_VALUE_BYTES),
 *     new DeploymentOptions().setInstances(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE));
 * }</pre>
 *
 * The coordinator is shared by all instances, so it must be safe to call from several event loops.
 */
public final class GrpcApiVerticle extends VerticleBase {

  /** The value size limit of the contract (DESIGN.md Part B: 413 / RESOURCE_EXHAUSTED above it). */
  public static final int DEFAULT_MAX_VALUE_BYTES = 1024 * 1024;

  /**
   * Room in a request message beside the value: key and bucket (1 KiB each at most), content type,
   * context and protobuf framing.
   */
  static final int REQUEST_OVERHEAD_BYTES = 64 * 1024;

  /**
   * The largest request message the transport lets through. Vert.x refuses messages above 256 KiB
   * by default, and with a bare RESOURCE_EXHAUSTED. The coordinator owns the value limit and says
   * what it is, so a value at the limit must get through in either wire format (JSON carries it
   * in base64, 4/3 of its size), and so must one somewhat above it, to be refused with that
   * message; only a request far above it is refused here, with the same status.
   */
  static long maxMessageBytes(int maxValueBytes) {
    return 2L * maxValueBytes + REQUEST_OVERHEAD_BYTES;
  }

  private final Coordinator coordinator;
  private final RequestObserver observer;
  private final String host;
  private final int port;
  private final int maxValueBytes;
  private HttpServer server;

  /**
   * @param coordinator the node's coordinator, shared by every instance
   * @param host the address to bind, such as {@code 127.0.0.1}
   * @param port the port to bind; 0 picks a free one for this instance alone (see {@link
   *     #actualPort()} and {@link #instances})
   * @param maxValueBytes the node's value size limit, such as {@link #DEFAULT_MAX_VALUE_BYTES}
   */
  public GrpcApiVerticle(Coordinator coordinator, String host, int port, int maxValueBytes) {
    this(coordinator, RequestObserver.NONE, host, port, maxValueBytes);
  }

  /** As above, reporting every request to {@code observer} (for metrics). */
  public GrpcApiVerticle(
      Coordinator coordinator, RequestObserver observer, String host, int port, int maxValueBytes) {
    this.coordinator = coordinator;
    this.observer = observer;
    this.host = host;
    this.port = port;
    this.maxValueBytes = maxValueBytes;
  }

  /**
   * Instances for one deployment that all listen on one port; with port 0 they share a single free
   * port, which {@link #actualPort()} of any of them reports.
   */
  public static Supplier<GrpcApiVerticle> instances(
      Coordinator coordinator, String host, int port, int maxValueBytes) {
    return instances(coordinator, RequestObserver.NONE, host, port, maxValueBytes);
  }

  /** As above, reporting every request to {@code observer} (for metrics). */
  public static Supplier<GrpcApiVerticle> instances(
      Coordinator coordinator, RequestObserver observer, String host, int port, int maxValueBytes) {
    int bound = SharedPorts.forInstances(port);
    return () -> new GrpcApiVerticle(coordinator, observer, host, bound, maxValueBytes);
  }

  @Override
  public Future<?> start() {
    GrpcServerOptions grpcOptions =
        new GrpcServerOptions()
            .addEnabledProtocol(GrpcProtocol.WEB)
            .setMaxMessageSize(maxMessageBytes(maxValueBytes));
    GrpcServer grpc = GrpcServer.server(vertx, grpcOptions);
    grpc.addService(KeyValueGrpcService.of(new KeyValueGrpcApi(coordinator, observer)));
    grpc.addService(ReflectionService.v1());
    HttpServerOptions options =
        new HttpServerOptions().setHost(host).setPort(port).setHttp2ClearTextEnabled(true);
    server = vertx.createHttpServer(options).requestHandler(grpc);
    return server.listen();
  }

  /** The port this instance listens on, once started (useful after binding port 0). */
  public int actualPort() {
    if (server == null) {
      throw new IllegalStateException("the gRPC API has not been started");
    }
    return server.actualPort();
  }
}
