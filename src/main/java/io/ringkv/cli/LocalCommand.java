package io.ringkv.cli;

import io.ringkv.node.LocalCluster;
import io.ringkv.node.Node;
import io.ringkv.node.NodeConfig;
import io.ringkv.transport.TransportDecorator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ringkv local}: a whole cluster in this JVM on loopback, for trying ringkv out. Node i
 * (1-based) listens on HTTP 8080+i, gRPC 9090+i and peer 7070+i, plus {@code --port-offset}.
 * Ctrl-C stops it cleanly.
 */
@Command(name = "local", mixinStandardHelpOptions = true, description = "Run a local cluster in one JVM on loopback.")
final class LocalCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--nodes", defaultValue = "3", description = "Number of nodes (default ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--data-dir", defaultValue = "./data/local", description = "Data directory (default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--partitions", defaultValue = "256", description = "Partition count Q (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--port-offset",
      defaultValue = "0",
      description = "Added to every port, so that two local clusters can run side by side (default ${DEFAULT-VALUE}).")
  int portOffset;

  @Option(
      names = "--event-loops",
      description = "Event loops per node (default: twice the cores, as Vert.x; the nodes share this JVM's cores).")
  Integer eventLoops;

  @Mixin AntiEntropyFlags antiEntropy;

  @Override
  public Integer call() throws Exception {
    if (portOffset < 0 || portOffset > 50_000) {
      throw new ParameterException(spec.commandLine(), "--port-offset must be between 0 and 50000, got " + portOffset);
    }
    if (nodes < 1 || nodes > 9) {
      throw new ParameterException(spec.commandLine(), "--nodes must be between 1 and 9, got " + nodes);
    }
    if (Integer.bitCount(partitions) != 1) {
      throw new ParameterException(spec.commandLine(), "--partitions must be a power of two, got " + partitions);
    }
    if (eventLoops != null && (eventLoops < 1 || eventLoops > 64)) {
      throw new ParameterException(spec.commandLine(), "--event-loops must be between 1 and 64, got " + eventLoops);
    }
    List<NodeConfig> configs = new ArrayList<>();
    try {
      for (NodeConfig config : LocalCluster.fixedPortConfigs(nodes, dataDir, partitions)) {
        configs.add(
            config.toBuilder()
                .httpPort(config.httpPort() + portOffset)
                .grpcPort(config.grpcPort() + portOffset)
                .peerPort(config.peerPort() + portOffset)
                .antiEntropy(antiEntropy.applyTo(config.antiEntropy()))
                .eventLoops(eventLoops == null ? config.eventLoops() : eventLoops)
                .build());
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("starting %d nodes in %s ...%n", nodes, dataDir.toAbsolutePath().normalize());
    out.flush();
    LocalCluster cluster = new LocalCluster(TransportDecorator.NONE);
    StopOnExit exit = StopOnExit.register(cluster::stop);
    exit.started(cluster.start(configs));
    for (Node node : cluster.nodes()) {
      out.println(node.info().id() + "  " + NodeAddressLine.of(node.info()));
    }
    out.printf("console: http://%s/console   Ctrl-C stops the cluster%n", cluster.node(0).info().httpAddress());
    out.flush();
    exit.awaitEnd();
    return ExitCode.OK;
  }
}
