package io.ringkv.cli;

import io.ringkv.cli.bench.NoopServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ringkv noop-server}: the ceiling to compare the cluster with — ringkv's HTTP and gRPC
 * client APIs answering at once without storing anything, one verticle instance per event loop.
 * Runs until Ctrl-C.
 */
@Command(
    name = "noop-server",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "A do-nothing server speaking ringkv's HTTP and gRPC APIs: the ceiling for bench. Runs until Ctrl-C.")
public final class NoopServerCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default: ${DEFAULT-VALUE})")
  private String host;

  @Option(names = "--http-port", defaultValue = "8090", description = "HTTP port (default: ${DEFAULT-VALUE})")
  private int httpPort;

  @Option(names = "--grpc-port", defaultValue = "9190", description = "gRPC port (default: ${DEFAULT-VALUE})")
  private int grpcPort;

  @Option(names = "--event-loops", description = "event loops, one server instance each (default: the cores)")
  private Integer eventLoops;

  @Override
  public Integer call() throws InterruptedException {
    int loops = eventLoops == null ? Runtime.getRuntime().availableProcessors() : eventLoops;
    validate(loops);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    NoopServer first;
    try {
      first = deploy(vertx, loops);
    } catch (CompletionException | IOException e) {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      err.println("ringkv noop-server: cannot start on " + host + ": " + cause.getMessage());
      err.flush();
      vertx.close();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vertx.close().toCompletionStage().toCompletableFuture().join();
      stopped.countDown();
    }, "ringkv-noop-server-shutdown"));
    out.printf("ringkv noop-server: HTTP http://%s:%d  gRPC %s:%d  (%d event loops; Ctrl-C stops it)%n",
        host, first.httpPort(), host, first.grpcPort(), loops);
    out.flush();
    stopped.await();
    return 0;
  }

  /**
   * All instances on the same ports, so Vert.x shares each host:port among them and spreads the
   * connections over their event loops. Port 0 would give every instance its own random port, so
   * it is resolved to one free port first.
   */
  private NoopServer deploy(Vertx vertx, int loops) throws IOException {
    int http = httpPort == 0 ? freePort() : httpPort;
    int grpc = grpcPort == 0 ? freePort() : grpcPort;
    List<NoopServer> instances = new CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> {
          NoopServer server = new NoopServer(host, http, grpc);
          instances.add(server);
          return server;
        }, new DeploymentOptions().setInstances(loops))
        .toCompletionStage().toCompletableFuture().join();
    return instances.get(0);
  }

  private int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    }
  }

  private void validate(int loops) {
    if (loops < 1) {
      throw new ParameterException(spec.commandLine(), "--event-loops must be >= 1");
    }
    for (int port : new int[] {httpPort, grpcPort}) {
      if (port < 0 || port > 65535) {
        throw new ParameterException(spec.commandLine(), "ports must be within 0-65535, got " + port);
      }
    }
  }
}
