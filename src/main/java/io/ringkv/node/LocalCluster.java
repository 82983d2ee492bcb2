package io.ringkv.node;

import io.ringkv.transport.TransportDecorator;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Several nodes in one JVM, each with its own Vert.x, seeded with each other: the {@code local}
 * command's cluster, and the in-JVM cluster of the integration tests.
 */
public final class LocalCluster {

  private final List<Node> nodes;
  private final TransportDecorator transportDecorator;

  private LocalCluster(List<Node> nodes, TransportDecorator transportDecorator) {
    this.nodes = nodes;
    this.transportDecorator = transportDecorator;
  }

  /** Binds every node, then joins them all to each other; completes when every ring is known. */
  public static Future<LocalCluster> start(
      List<NodeConfig> configs, TransportDecorator transportDecorator) {
    List<Future<Node>> bound = new ArrayList<>();
    for (NodeConfig config : configs) {
      bound.add(Node.bind(config, transportDecorator));
    }
    return Future.all(bound)
        .compose(
            all -> {
              List<Node> nodes = all.<Node>list();
              List<String> seeds = nodes.stream().map(node -> node.info().peerAddress()).toList();
              return Future.all(nodes.stream().map(node -> node.join(seeds)).toList())
                  .map(joined -> new LocalCluster(new ArrayList<>(nodes), transportDecorator));
            });
  }

  /** The configs of a local cluster: node i (1-based) on HTTP 8080+i, gRPC 9090+i, peer 7070+i. */
  public static List<NodeConfig> fixedPortConfigs(int count, java.nio.file.Path dataDir, int partitions) {
    List<NodeConfig> configs = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      configs.add(
          NodeConfig.builder("n" + i, dataDir.resolve("n" + i))
              .httpPort(8080 + i)
              .grpcPort(9090 + i)
              .peerPort(7070 + i)
              .partitions(partitions)
              .eventLoops(2)
              .build());
    }
    return configs;
  }

  public List<Node> nodes() {
    return List.copyOf(nodes);
  }

  /** Node i, 0-based. */
  public Node node(int index) {
    return nodes.get(index);
  }

  private List<String> seeds() {
    return nodes.stream().map(node -> node.info().peerAddress()).toList();
  }

  /** Stops one node cleanly; it keeps its slot (and addresses) for {@link #restart}. */
  public Future<Void> stop(int index) {
    return nodes.get(index).stop();
  }

  /**
   * Starts a stopped node again on the same data directory and the same ports it had, so the
   * others find it where they left it.
   */
  public Future<Node> restart(int index) {
    Node old = nodes.get(index);
    NodeConfig sameAddresses =
        old.config().toBuilder()
            .httpPort(port(old.info().httpAddress()))
            .grpcPort(port(old.info().grpcAddress()))
            .peerPort(port(old.info().peerAddress()))
            .build();
    List<String> seeds = seeds();
    return Node.bind(sameAddresses, transportDecorator)
        .compose(node -> {
          nodes.set(index, node);
          return node.join(seeds).map(node);
        });
  }

  private static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  /** Stops every node. */
  public Future<Void> stop() {
    return Future.join(nodes.stream().map(Node::stop).toList()).mapEmpty();
  }
}
