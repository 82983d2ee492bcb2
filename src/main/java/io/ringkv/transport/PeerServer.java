package io.ringkv.transport;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import io.vertx.grpc.server.Service;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The peer port: a gRPC server for node-to-node services, one instance per event loop so that
 * replica calls from peers spread over every core instead of queueing on one. It is bound before
 * the node joins anything, so its actual port (port 0 in tests) can be handed to others as a seed.
 */
public final class PeerServer {

  private final Vertx vertx;
  private final String deployment;
  private final int actualPort;

  private PeerServer(Vertx vertx, String deployment, int actualPort) {
    this.vertx = vertx;
    this.deployment = deployment;
    this.actualPort = actualPort;
  }

  /**
   * Binds the peer port and serves the given (thread-safe) services on it.
   *
   * @param instances server instances, one per event loop
   */
  public static Future<PeerServer> listen(
      Vertx vertx, String host, int port, List<Service> services, int instances) {
    int bound = SharedPorts.forInstances(port);
    AtomicInteger actualPort = new AtomicInteger();
    return vertx
        .deployVerticle(
            () -> new Instance(host, bound, services, actualPort), new DeploymentOptions().setInstances(instances))
        .map(id -> new PeerServer(vertx, id, actualPort.get()));
  }

  public int actualPort() {
    return actualPort;
  }

  public Future<Void> close() {
    return vertx.undeploy(deployment);
  }

  private static final class Instance extends VerticleBase {
    private final String host;
    private final int port;
    private final List<Service> services;
    private final AtomicInteger actualPort;

    Instance(String host, int port, List<Service> services, AtomicInteger actualPort) {
      this.host = host;
      this.port = port;
      this.services = services;
      this.actualPort = actualPort;
    }

    @Override
    public Future<?> start() {
      GrpcServer grpc =
          GrpcServer.server(
              vertx, new GrpcServerOptions().setMaxMessageSize(GrpcPeerTransport.MAX_MESSAGE_BYTES));
      services.forEach(grpc::addService);
      return vertx
          .createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setTcpNoDelay(true))
          .requestHandler(grpc)
          .listen()
          .map(HttpServer::actualPort)
          .onSuccess(actualPort::set);
    }
  }
}
