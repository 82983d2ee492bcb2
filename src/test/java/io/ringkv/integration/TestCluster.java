package io.ringkv.integration;

import io.ringkv.node.LocalCluster;
import io.ringkv.node.Node;
import io.ringkv.node.NodeConfig;
import io.ringkv.transport.FaultInjectingTransport;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * An in-JVM cluster for integration tests: every node on loopback with free ports, a small
 * partition count, and a fault-injecting transport per node so a test can cut links.
 */
final class TestCluster implements AutoCloseable {

  static final int PARTITIONS = 16;

  private final LocalCluster cluster;
  private final Path dataRoot;
  private final Map<String, FaultInjectingTransport> transports;

  private TestCluster(LocalCluster cluster, Path dataRoot, Map<String, FaultInjectingTransport> transports) {
    this.cluster = cluster;
    this.dataRoot = dataRoot;
    this.transports = transports;
  }

  static TestCluster start(int size) throws Exception {
    return start(size, 1_000);
  }

  static TestCluster start(int size, long requestTimeoutMillis) throws Exception {
    return start(size, requestTimeoutMillis, UnaryOperator.identity());
  }

  /** @param tune adjusts every node's config (a short hint window, say) */
  static TestCluster start(int size, long requestTimeoutMillis, UnaryOperator<NodeConfig.Builder> tune)
      throws Exception {
    Path dataRoot = Files.createTempDirectory("ringkv-it");
    List<NodeConfig> configs = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      configs.add(
          tune.apply(
                  NodeConfig.builder("n" + i, dataRoot.resolve("n" + i))
                      .anyPorts()
                      .partitions(PARTITIONS)
                      .eventLoops(1)
                      .apiInstances(1)
                      .requestTimeoutMillis(requestTimeoutMillis))
              .build());
    }
    Map<String, FaultInjectingTransport> transports = new ConcurrentHashMap<>();
    LocalCluster cluster =
        await(
            LocalCluster.start(
                configs,
                (nodeId, vertx, transport) ->
                    transports.compute(nodeId, (id, old) -> new FaultInjectingTransport(vertx, transport))));
    return new TestCluster(cluster, dataRoot, transports);
  }

  /** Node i's outgoing links: cut or delay its calls to chosen peers. */
  FaultInjectingTransport links(int index) {
    return transports.get(node(index).info().id());
  }

  Node node(int index) {
    return cluster.node(index);
  }

  List<Node> nodes() {
    return cluster.nodes();
  }

  /** Base URL of node i's HTTP API. */
  String url(int index) {
    return "http://" + node(index).info().httpAddress();
  }

  void stop(int index) throws Exception {
    await(cluster.stop(index));
  }

  void restart(int index) throws Exception {
    await(cluster.restart(index));
  }

  /** Restarts several stopped nodes at once: each waits to hear from every seed before it is ready. */
  void restartTogether(int... indexes) throws Exception {
    List<Future<Node>> restarted = new ArrayList<>();
    for (int index : indexes) {
      restarted.add(cluster.restart(index));
    }
    await(Future.all(restarted));
  }

  @Override
  public void close() throws Exception {
    await(cluster.stop());
    deleteRecursively(dataRoot);
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
