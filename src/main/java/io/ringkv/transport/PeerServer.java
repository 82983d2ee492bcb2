package io.ringkv.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import io.vertx.grpc.server.Service;
import java.util.List;

/**
 * The peer port: a gRPC server for node-to-node services. It is bound before the node joins
 * anything, so its actual port (port 0 in tests) can be handed to the others as a seed.
 */
public final class PeerServer {

  private final HttpServer server;

  private PeerServer(HttpServer server) {
    this.server = server;
  }

  /** Binds the peer port and serves the given services on it. */
  public static Future<PeerServer> listen(Vertx vertx, String host, int port, List<Service> services) {
    GrpcServer grpc =
        GrpcServer.server(
            vertx, new GrpcServerOptions().setMaxMessageSize(GrpcPeerTransport.MAX_MESSAGE_BYTES));
    services.forEach(grpc::addService);
    return vertx
        .createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setTcpNoDelay(true))
        .requestHandler(grpc)
        .listen()
        .map(PeerServer::new);
  }

  public int actualPort() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server.close();
  }
}
