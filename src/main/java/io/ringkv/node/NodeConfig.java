package io.ringkv.node;

import io.ringkv.antientropy.AntiEntropyOptions;
import io.ringkv.handoff.HintedHandoffOptions;
import io.ringkv.transport.PeerAddresses;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one node needs to start. Built from defaults, then a YAML file, then command-line
 * flags (each overriding the one before), by {@link NodeConfigLoader}.
 *
 * @param id the node id, stable across restarts
 * @param host the address every port binds to
 * @param httpPort client HTTP API port (0 = any free port)
 * @param grpcPort client gRPC API port (0 = any free port)
 * @param peerPort node-to-node port (0 = any free port)
 * @param dataDir where the node keeps its data
 * @param seeds peer addresses (host:port) of the cluster's seeds; may include this node
 * @param rack the rack for replica placement, empty for none
 * @param weight relative capacity (partitions owned scale with it)
 * @param partitions Q, the partition count fixed at cluster creation
 * @param clusterName nodes of different clusters refuse each other
 * @param requestTimeoutMillis how long a client request waits for its quorum
 * @param maxValueBytes the largest value a client may store
 * @param eventLoops event-loop threads (0 = Vert.x's default of twice the cores)
 * @param apiInstances HTTP and gRPC verticle instances (0 = one per event loop)
 * @param antiEntropy how the node runs anti-entropy
 * @param gossipIntervalMillis time between gossip rounds
 * @param phiThreshold the failure detector's threshold: a peer whose phi exceeds it is down
 * @param handoffPageKeys the most keys one page of an ownership transfer carries
 * @param inMemoryStorage keep partitions in heap memory instead of Chronicle files (many-node
 *     in-JVM clusters that test membership, not storage); nothing survives a restart
 * @param hintWindowMillis hints older than this are dropped instead of delivered (default 3 h)
 * @param coordinatorHints whether a coordinator keeps a hint itself for an owner its write could
 *     not reach when no fallback could take the copy (a 3-node cluster has none); default true
 */
public record NodeConfig(
    String id,
    String host,
    int httpPort,
    int grpcPort,
    int peerPort,
    Path dataDir,
    List<String> seeds,
    String rack,
    int weight,
    int partitions,
    String clusterName,
    long requestTimeoutMillis,
    int maxValueBytes,
    int eventLoops,
    int apiInstances,
    AntiEntropyOptions antiEntropy,
    long gossipIntervalMillis,
    double phiThreshold,
    int handoffPageKeys,
    boolean inMemoryStorage,
    long hintWindowMillis,
    boolean coordinatorHints) {

  public NodeConfig {
    seeds = List.copyOf(seeds);
    rack = rack == null ? "" : rack;
    antiEntropy = antiEntropy == null ? AntiEntropyOptions.defaults() : antiEntropy;
  }

  /**
   * Checks what the node cannot start with, whether it came from flags or the config file: ports
   * in range, no two servers on one port (both would bind, sharing connections at random), and
   * seeds that gossip can reach (a malformed one was retried forever).
   *
   * @return this config
   * @throws IllegalArgumentException naming the setting (the flag and key name) and the value
   */
  public NodeConfig validated() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("http-port", httpPort);
    ports.put("grpc-port", grpcPort);
    ports.put("peer-port", peerPort);
    Map<Integer, String> owners = new LinkedHashMap<>();
    ports.forEach((name, port) -> {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException(name + " must be between 0 and 65535, got " + port);
      }
      String other = port == 0 ? null : owners.putIfAbsent(port, name); // 0 = any free port, for each
      if (other != null) {
        throw new IllegalArgumentException(other + " and " + name + " are both " + port + ": each server needs its own port");
      }
    });
    for (String seed : seeds) {
      try {
        PeerAddresses.parse(seed);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("seed '" + seed + "' is not host:peerPort with a port 1-65535 (" + e.getMessage() + ")");
      }
    }
    return this;
  }

  /** A builder for a node on loopback with every setting at its default. */
  public static Builder builder(String id, Path dataDir) {
    return new Builder(id, dataDir);
  }

  /** A builder starting from this config. */
  public Builder toBuilder() {
    Builder builder = new Builder(id, dataDir);
    builder.host = host;
    builder.httpPort = httpPort;
    builder.grpcPort = grpcPort;
    builder.peerPort = peerPort;
    builder.seeds = seeds;
    builder.rack = rack;
    builder.weight = weight;
    builder.partitions = partitions;
    builder.clusterName = clusterName;
    builder.requestTimeoutMillis = requestTimeoutMillis;
    builder.maxValueBytes = maxValueBytes;
    builder.eventLoops = eventLoops;
    builder.apiInstances = apiInstances;
    builder.antiEntropy = antiEntropy;
    builder.gossipIntervalMillis = gossipIntervalMillis;
    builder.phiThreshold = phiThreshold;
    builder.handoffPageKeys = handoffPageKeys;
    builder.inMemoryStorage = inMemoryStorage;
    builder.hintWindowMillis = hintWindowMillis;
    builder.coordinatorHints = coordinatorHints;
    return builder;
  }

  /** Builds a {@link NodeConfig}; every setter returns the builder. */
  public static final class Builder {
    private String id;
    private Path dataDir;
    private String host = "127.0.0.1";
    private int httpPort = 8080;
    private int grpcPort = 9090;
    private int peerPort = 7070;
    private List<String> seeds = List.of();
    private String rack = "";
    private int weight = 1;
    private int partitions = 256;
    private String clusterName = "ringkv";
    private long requestTimeoutMillis = 2_000;
    private int maxValueBytes = 1 << 20;
    private int eventLoops;
    private int apiInstances;
    private AntiEntropyOptions antiEntropy = AntiEntropyOptions.defaults();
    private long gossipIntervalMillis = 1_000;
    private double phiThreshold = 8.0;
    private int handoffPageKeys = 500;
    private boolean inMemoryStorage;
    private long hintWindowMillis = HintedHandoffOptions.DEFAULT_WINDOW_MILLIS;
    private boolean coordinatorHints = true;

    private Builder(String id, Path dataDir) {
      this.id = id;
      this.dataDir = dataDir;
    }

    public Builder id(String value) { id = value; return this; }
    public Builder dataDir(Path value) { dataDir = value; return this; }
    public Builder host(String value) { host = value; return this; }
    public Builder httpPort(int value) { httpPort = value; return this; }
    public Builder grpcPort(int value) { grpcPort = value; return this; }
    public Builder peerPort(int value) { peerPort = value; return this; }
    public Builder seeds(List<String> value) { seeds = value; return this; }
    public Builder rack(String value) { rack = value; return this; }
    public Builder weight(int value) { weight = value; return this; }
    public Builder partitions(int value) { partitions = value; return this; }
    public Builder clusterName(String value) { clusterName = value; return this; }
    public Builder requestTimeoutMillis(long value) { requestTimeoutMillis = value; return this; }
    public Builder maxValueBytes(int value) { maxValueBytes = value; return this; }
    public Builder eventLoops(int value) { eventLoops = value; return this; }
    public Builder apiInstances(int value) { apiInstances = value; return this; }
    public Builder antiEntropy(AntiEntropyOptions value) { antiEntropy = value; return this; }
    public Builder gossipIntervalMillis(long value) { gossipIntervalMillis = value; return this; }
    public Builder phiThreshold(double value) { phiThreshold = value; return this; }
    public Builder handoffPageKeys(int value) { handoffPageKeys = value; return this; }
    public Builder inMemoryStorage(boolean value) { inMemoryStorage = value; return this; }
    public Builder hintWindowMillis(long value) { hintWindowMillis = value; return this; }
    public Builder coordinatorHints(boolean value) { coordinatorHints = value; return this; }

    /** Every port at 0: the node binds free ports (tests). */
    public Builder anyPorts() {
      return httpPort(0).grpcPort(0).peerPort(0);
    }

    public NodeConfig build() {
      return new NodeConfig(
          id, host, httpPort, grpcPort, peerPort, dataDir, seeds, rack, weight, partitions,
          clusterName, requestTimeoutMillis, maxValueBytes, eventLoops, apiInstances, antiEntropy,
          gossipIntervalMillis, phiThreshold, handoffPageKeys, inMemoryStorage, hintWindowMillis,
          coordinatorHints);
    }
  }
}
