package io.ringkv.integration;

import io.ringkv.antientropy.AntiEntropyOptions;
import io.ringkv.node.LocalCluster;
import io.ringkv.node.Node;
import io.ringkv.node.NodeConfig;
import io.ringkv.transport.FaultInjectingTransport;
import io.ringkv.transport.TransportDecorator;
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

  private final UnaryOperator<NodeConfig.Builder> tuning;

  private TestCluster(
      LocalCluster cluster,
      Path dataRoot,
      Map<String, FaultInjectingTransport> transports,
      UnaryOperator<NodeConfig.Builder> tuning) {
    this.cluster = cluster;
    this.dataRoot = dataRoot;
    this.transports = transports;
    this.tuning = tuning;
  }

  static TestCluster start(int size) throws Exception {
    return start(size, UnaryOperator.identity());
  }

  static TestCluster start(int size, long requestTimeoutMillis) throws Exception {
    return start(size, config -> config.requestTimeoutMillis(requestTimeoutMillis));
  }

  static TestCluster start(int size, long requestTimeoutMillis, AntiEntropyOptions antiEntropy) throws Exception {
    return start(size, config -> config.requestTimeoutMillis(requestTimeoutMillis).antiEntropy(antiEntropy));
  }

  /** @param tune adjusts every node's config (a short hint window, say) */
  static TestCluster start(int size, long requestTimeoutMillis, UnaryOperator<NodeConfig.Builder> tune)
      throws Exception {
    return start(size, config -> tune.apply(config.requestTimeoutMillis(requestTimeoutMillis)));
  }

  /** Starts {@code size} nodes, each seeded with all of them, each config adjusted by {@code tuning}. */
  static TestCluster start(int size, UnaryOperator<NodeConfig.Builder> tuning) throws Exception {
    Path dataRoot = Files.createTempDirectory("ringkv-it");
    List<NodeConfig> configs = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      configs.add(tuning.apply(defaults("n" + i, dataRoot)).build());
    }
    Map<String, FaultInjectingTransport> transports = new ConcurrentHashMap<>();
    LocalCluster cluster =
        // Nodes start one after the other: allow each its own share of time on a busy machine.
        LocalCluster.start(configs, faultInjecting(transports))
            .toCompletionStage()
            .toCompletableFuture()
            .get(30 + 10L * size, TimeUnit.SECONDS);
    return new TestCluster(cluster, dataRoot, transports, tuning);
  }

  /**
   * Anti-entropy and coordinator hints are off unless a test asks for them: they would repair what
   * other tests deliberately leave diverged (a replica cut off from a w=1 write, say).
   */
  private static NodeConfig.Builder defaults(String id, Path dataRoot) {
    return NodeConfig.builder(id, dataRoot.resolve(id))
        .anyPorts()
        .partitions(PARTITIONS)
        .eventLoops(1)
        .apiInstances(1)
        .requestTimeoutMillis(1_000)
        .antiEntropy(AntiEntropyOptions.disabled())
        .coordinatorHints(false);
  }

  private static TransportDecorator faultInjecting(Map<String, FaultInjectingTransport> transports) {
    return (nodeId, vertx, transport) ->
        transports.compute(nodeId, (id, old) -> new FaultInjectingTransport(vertx, transport));
  }

  /**
   * Starts one more node, configured like the others, and has it join through the running ones;
   * returns its index. It is a member only once the claimant moved partitions to it.
   */
  int join(String id) throws Exception {
    await(cluster.add(tuning.apply(defaults(id, dataRoot)).build()));
    return cluster.nodes().size() - 1;
  }

  /**
   * Starts one more node with these seeds (none: it founds a cluster of its own) and settings of
   * its own, without waiting for it to know a ring: it may never (a node of another cluster).
   */
  LocalCluster.Started startNode(String id, List<String> seeds, UnaryOperator<NodeConfig.Builder> config)
      throws Exception {
    return await(cluster.start(config.apply(tuning.apply(defaults(id, dataRoot))).build(), seeds));
  }

  /** The index of the node with this id. */
  int indexOf(String id) {
    List<Node> all = nodes();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).info().id().equals(id)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no node " + id);
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

  /** Deletes a stopped node's data directory, as if its disk had been replaced. */
  void wipe(int index) throws IOException {
    deleteRecursively(node(index).config().dataDir());
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
