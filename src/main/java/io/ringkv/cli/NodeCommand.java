package io.ringkv.cli;

import io.ringkv.node.Node;
import io.ringkv.node.NodeConfig;
import io.ringkv.node.NodeConfigLoader;
import io.ringkv.transport.TransportDecorator;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ringkv node}: runs one node until it is stopped (Ctrl-C or SIGTERM stop it cleanly). */
@Command(name = "node", mixinStandardHelpOptions = true, description = "Run one ringkv node.")
final class NodeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", description = "YAML file; flags override it, it overrides defaults.")
  Path configFile;

  @Option(names = "--id", description = "Node id, stable across restarts (required).")
  String id;

  @Option(names = "--host", description = "Address to bind (default 127.0.0.1).")
  String host;

  @Option(names = "--http-port", description = "Client HTTP port (default 8080).")
  Integer httpPort;

  @Option(names = "--grpc-port", description = "Client gRPC port (default 9090).")
  Integer grpcPort;

  @Option(names = "--peer-port", description = "Node-to-node port (default 7070).")
  Integer peerPort;

  @Option(names = "--data-dir", description = "Data directory (default ./data/<id>).")
  Path dataDir;

  @Option(names = "--seeds", description = "Comma-separated host:peerPort of seed nodes; may list this node.")
  String seeds;

  @Option(names = "--rack", description = "Rack or zone, for replica placement.")
  String rack;

  @Option(names = "--weight", description = "Relative capacity (default 1).")
  Integer weight;

  @Option(names = "--partitions", description = "Partition count Q, a power of two (default 256).")
  Integer partitions;

  @Option(names = "--cluster-name", description = "Cluster name; nodes of other clusters are refused (default ringkv).")
  String clusterName;

  @Option(names = "--request-timeout-ms", description = "Quorum wait per request (default 2000).")
  Integer requestTimeoutMillis;

  @Option(names = "--hint-window-ms", description = "Hints older than this are dropped, not delivered (default 3 h).")
  Long hintWindowMillis;
  @Mixin AntiEntropyFlags antiEntropy;

  @Option(names = "--gossip-interval-ms", description = "Time between gossip rounds (default 1000).")
  Integer gossipIntervalMillis;

  @Option(names = "--phi-threshold", description = "Failure detector threshold: a peer above it is down (default 8).")
  Double phiThreshold;

  @Option(names = "--handoff-page-keys", description = "Most keys per page of an ownership transfer (default 500).")
  Integer handoffPageKeys;

  @Override
  public Integer call() throws Exception {
    NodeConfig config = config();
    Promise<Node> starting = Promise.promise();
    StopOnExit exit = StopOnExit.register(() -> starting.future()
        .transform(bound -> bound.succeeded() ? bound.result().stop() : Future.<Void>succeededFuture()));
    // Joins in the same step as the bind, so that a stop never finds a bound node about to join.
    Node.bind(config, TransportDecorator.NONE)
        .andThen(bound -> {
          if (bound.succeeded()) {
            bound.result().join(config.seeds());
          }
        })
        .onComplete(starting);
    Node node = exit.started(starting.future());
    // A node that has left the cluster stops by itself once it handed everything over.
    exit.endWhen(node.terminated());
    spec.commandLine().getOut().println("ringkv node " + config.id() + ": " + NodeAddressLine.of(node.info()));
    spec.commandLine().getOut().flush();
    exit.awaitEnd();
    return ExitCode.OK;
  }

  private NodeConfig config() {
    NodeConfig.Builder builder = NodeConfig.builder(null, null);
    try {
      if (configFile != null) {
        NodeConfigLoader.apply(configFile, builder);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (id != null) builder.id(id);
    if (host != null) builder.host(host);
    if (httpPort != null) builder.httpPort(httpPort);
    if (grpcPort != null) builder.grpcPort(grpcPort);
    if (peerPort != null) builder.peerPort(peerPort);
    if (dataDir != null) builder.dataDir(dataDir);
    if (seeds != null) builder.seeds(NodeConfigLoader.seeds(seeds));
    if (rack != null) builder.rack(rack);
    if (weight != null) builder.weight(weight);
    if (partitions != null) builder.partitions(partitions);
    if (clusterName != null) builder.clusterName(clusterName);
    if (requestTimeoutMillis != null) builder.requestTimeoutMillis(requestTimeoutMillis);
    if (hintWindowMillis != null) builder.hintWindowMillis(hintWindowMillis);
    try {
      builder.antiEntropy(antiEntropy.applyTo(builder.build().antiEntropy()));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }

    if (gossipIntervalMillis != null) builder.gossipIntervalMillis(gossipIntervalMillis);
    if (phiThreshold != null) builder.phiThreshold(phiThreshold);
    if (handoffPageKeys != null) builder.handoffPageKeys(handoffPageKeys);
    NodeConfig config;
    try {
      config = builder.build().validated();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (config.id() == null || config.id().isBlank()) {
      throw new ParameterException(spec.commandLine(), "--id is required (or 'id' in the config file)");
    }
    if (Integer.bitCount(config.partitions()) != 1) {
      throw new ParameterException(spec.commandLine(), "--partitions must be a power of two, got " + config.partitions());
    }
    return config.dataDir() == null ? config.toBuilder().dataDir(Path.of("data", config.id())).build() : config;
  }
}
