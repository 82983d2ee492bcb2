package io.ringkv.api.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * Serves the {@link HttpApi} on one event loop. Deploy several instances (with a {@code Supplier}
 * and {@code DeploymentOptions.setInstances}) on the same host and port and Vert.x spreads the
 * connections over them.
 *
 * <p>Random ports follow Vert.x: port 0 gives each instance a port of its own; a negative port (say
 * -1) gives all instances of one Vert.x that use that same number one shared random port.
 */
public final class HttpApiVerticle extends VerticleBase {

  /**
   * A 1024-byte key and bucket, both fully percent-encoded, take 6 KiB of request line: more than
   * Netty's default 4 KiB, so allow 16 KiB.
   */
  static final int MAX_REQUEST_LINE = 16 * 1024;

  private final HttpApi api;
  private final String host;
  private final int port;
  private volatile HttpServer server;

  /**
   * @param port the port to listen on; 0 picks a free one per instance, a negative number one
   *     shared by the instances using it; see {@link #actualPort()}
   */
  public HttpApiVerticle(HttpApi api, String host, int port) {
    this.api = api;
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(host)
            .setPort(port)
            .setMaxInitialLineLength(MAX_REQUEST_LINE);
    return vertx
        .createHttpServer(options)
        .requestHandler(api.router(vertx))
        .invalidRequestHandler(FailureReply::invalidRequest)
        .listen()
        .onSuccess(listening -> server = listening);
  }

  /** The port this instance listens on, once started. */
  public int actualPort() {
    HttpServer listening = server;
    if (listening == null) {
      throw new IllegalStateException("the HTTP API is not listening yet");
    }
    return listening.actualPort();
  }
}
