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
  /** Guarded by {@code nodes}: set by {@link #stop()}; a start in progress binds no further node. */
  private boolean stopping;
  /** Guarded by {@code nodes}: the bind in progress, complete once its node is in {@code nodes}. */
  private Future<?> binding = Future.succeededFuture();

  private LocalCluster(List<Node> nodes, TransportDecorator transportDecorator) {
    this.nodes = nodes;
    this.transportDecorator = transportDecorator;
  }

  /** A cluster of no node yet: {@link #start(List)} starts it, {@link #stop()} may come at any time. */
  public LocalCluster(TransportDecorator transportDecorator) {
    this(new ArrayList<>(), transportDecorator);
  }

  /**
   * Binds every node, then joins them all to each other; completes when every ring is known. If a
   * node cannot bind or join, the nodes already started are stopped before the failure is
   * reported: their ports and data directories are free again.
   */
  public static Future<LocalCluster> start(
      List<NodeConfig> configs, TransportDecorator transportDecorator) {
    return new LocalCluster(transportDecorator).start(configs);
  }

  /**
   * Starts these nodes, as {@link #start(List, TransportDecorator)}. A {@link #stop()} meanwhile
   * makes it fail once the nodes it had bound are stopped.
   */
  public Future<LocalCluster> start(List<NodeConfig> configs) {
    return bindInTurn(configs, 0)
        .compose(bound -> joinAll())
        .recover(failure -> stopAll(nodes(), failure))
        .map(this);
  }

  /**
   * Binds the nodes one after the other: starting dozens of nodes at once on a small machine
   * starves every event loop at the same moment (class loading, JIT, map creation).
   */
  private Future<Void> bindInTurn(List<NodeConfig> configs, int next) {
    if (next == configs.size()) {
      return Future.succeededFuture();
    }
    Future<Node> bound;
    synchronized (nodes) {
      if (stopping) {
        return Future.failedFuture(new IllegalStateException("stopped while starting"));
      }
      bound = Node.bind(configs.get(next), transportDecorator).andThen(result -> {
        if (result.succeeded()) {
          synchronized (nodes) {
            nodes.add(result.result());
          }
        }
      });
      binding = bound;
    }
    return bound.compose(node -> bindInTurn(configs, next + 1));
  }

  /** Has every node gossip with all the others; under the lock, so that no stop slips in between. */
  private Future<Void> joinAll() {
    synchronized (nodes) {
      if (stopping) {
        return Future.failedFuture(new IllegalStateException("stopped while starting"));
      }
      List<String> seeds = nodes.stream().map(node -> node.info().peerAddress()).toList();
      return Future.all(nodes.stream().map(node -> node.join(seeds)).toList()).mapEmpty();
    }
  }

  /** Stops {@code nodes}, then fails with {@code cause}, whatever the stops did. */
  private static <T> Future<T> stopAll(List<Node> nodes, Throwable cause) {
    return Future.join(nodes.stream().map(Node::stop).toList())
        .transform(stopped -> Future.failedFuture(cause));
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
    synchronized (nodes) {
      return List.copyOf(nodes);
    }
  }

  /** Node i, 0-based. */
  public Node node(int index) {
    synchronized (nodes) {
      return nodes.get(index);
    }
  }

  private List<String> seeds() {
    return nodes().stream().map(node -> node.info().peerAddress()).toList();
  }

  /**
   * Starts one more node and has it join this cluster through the seeds of its config, or when it
   * names none, through every node already running; it becomes node {@code nodes().size() - 1}.
   * Completes once it knows the ring (it is a member only once the claimant has moved partitions
   * to it).
   */
  public Future<Node> add(NodeConfig config) {
    List<String> seeds = config.seeds().isEmpty() ? seeds() : config.seeds();
    return start(config, seeds).compose(started -> started.ready().map(started.node()));
  }

  /** A node started by {@link #start(NodeConfig)}, and its join, which completes once it knows a ring. */
  public record Started(Node node, Future<Void> ready) {}

  /**
   * Like {@link #add}, but with these seeds (none: the node founds a cluster of its own), and
   * completes as soon as the node is bound and gossiping.
   */
  public Future<Started> start(NodeConfig config, List<String> seeds) {
    return Node.bind(config, transportDecorator)
        .map(node -> {
          synchronized (nodes) {
            nodes.add(node);
          }
          return new Started(node, node.join(seeds));
        });
  }

  /** Stops one node cleanly; it keeps its slot (and addresses) for {@link #restart}. */
  public Future<Void> stop(int index) {
    return node(index).stop();
  }

  /**
   * Starts a stopped node again on the same data directory and the same ports it had, so the
   * others find it where they left it.
   */
  public Future<Node> restart(int index) {
    Node old = node(index);
    NodeConfig sameAddresses =
        old.config().toBuilder()
            .httpPort(port(old.info().httpAddress()))
            .grpcPort(port(old.info().grpcAddress()))
            .peerPort(port(old.info().peerAddress()))
            .build();
    List<String> seeds = seeds();
    return Node.bind(sameAddresses, transportDecorator)
        .compose(node -> {
          synchronized (nodes) {
            nodes.set(index, node);
          }
          return node.join(seeds).map(node);
        });
  }

  private static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  /**
   * Stops every node, also while {@link #start(List)} is in progress: it waits for a node still
   * binding (its store is opening) so that it too closes cleanly and needs no recovery next time.
   */
  public Future<Void> stop() {
    Future<?> inProgress;
    synchronized (nodes) {
      stopping = true;
      inProgress = binding;
    }
    return inProgress.transform(bound -> Future.join(nodes().stream().map(Node::stop).toList()).mapEmpty());
  }
}
