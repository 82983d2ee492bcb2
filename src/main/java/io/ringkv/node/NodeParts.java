package io.ringkv.node;

import io.ringkv.antientropy.AntiEntropy;
import io.ringkv.antientropy.LoadSignal;
import io.ringkv.antientropy.PartitionTrees;
import io.ringkv.antientropy.TreeAwareStore;
import io.ringkv.cluster.BucketProps;
import io.ringkv.cluster.ClusterBucketRegistry;
import io.ringkv.cluster.ClusterEndpoint;
import io.ringkv.cluster.ClusterIdentity;
import io.ringkv.cluster.ClusterStateFile;
import io.ringkv.cluster.GossipEndpoint;
import io.ringkv.cluster.GossipMembership;
import io.ringkv.cluster.GossipOptions;
import io.ringkv.cluster.Load;
import io.ringkv.cluster.NodeInfo;
import io.ringkv.handoff.HandoffOptions;
import io.ringkv.handoff.HintReceiver;
import io.ringkv.handoff.HintedHandoff;
import io.ringkv.handoff.HintedHandoffOptions;
import io.ringkv.handoff.OwnershipTransfer;
import io.ringkv.handoff.PeerHintChannel;
import io.ringkv.metrics.AntiEntropyCounters;
import io.ringkv.metrics.MemberStatus;
import io.ringkv.metrics.NodeMetrics;
import io.ringkv.replication.DefaultCoordinator;
import io.ringkv.replication.HintedReplica;
import io.ringkv.replication.LocalReplica;
import io.ringkv.replication.PeerReplicaCalls;
import io.ringkv.replication.ReplicaChangeListener;
import io.ringkv.replication.ReplicaEndpoint;
import io.ringkv.replication.ReplicationOptions;
import io.ringkv.storage.ChronicleHintStore;
import io.ringkv.storage.ChronicleStore;
import io.ringkv.storage.HintStore;
import io.ringkv.storage.InMemoryPartitionedStore;
import io.ringkv.storage.PartitionedStore;
import io.ringkv.storage.StoreOptions;
import io.ringkv.storage.StoreStats;
import io.ringkv.transport.GrpcPeerTransport;
import io.ringkv.transport.PeerTransport;
import io.ringkv.transport.TransportDecorator;
import io.ringkv.transport.proto.BucketEntry;
import io.ringkv.transport.proto.ClusterGrpcService;
import io.ringkv.transport.proto.GossipGrpcService;
import io.ringkv.transport.proto.HandoffGrpcService;
import io.ringkv.transport.proto.HintsGrpcService;
import io.ringkv.transport.proto.ReplicaGrpcService;
import io.ringkv.version.ClockPruning;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.grpc.server.Service;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;

/**
 * Everything one node is made of, wired together: the store, membership, the coordinator, anti-
 * entropy, ownership transfer, hinted handoff and metrics. Built on a worker thread (opening the store, reading
 * the data directory and loading classes take long enough to trip the blocked-thread checker);
 * {@link Node} then binds the servers that expose it.
 */
final class NodeParts {

  final NodeConfig config;
  final Vertx vertx;
  final DataDirectory directory;
  final PartitionedStore store;
  /** Writes this node keeps for other nodes as a fallback (sloppy quorum). */
  final HintStore hints;
  final PeerTransport transport;
  final ClusterIdentity identity;
  final ClusterBucketRegistry buckets;
  final GossipMembership membership;
  final NodeMetrics metrics;
  final LocalReplica local;
  final AntiEntropy antiEntropy;
  final OwnershipTransfer transfers;
  final HintedReplica hinted;
  final HintedHandoff hintedHandoff;
  final DefaultCoordinator coordinator;
  final NodeAdmin admin;
  /** Set once the maps of this node's partitions are open (see {@link Node#join}). */
  final AtomicBoolean storagePrepared = new AtomicBoolean();
  final Promise<Void> terminated = Promise.promise();
  /** The node, once built: a node that has handed everything over after a leave stops itself. */
  final AtomicReference<Node> node = new AtomicReference<>();

  NodeParts(NodeConfig config, Vertx vertx, TransportDecorator transportDecorator) throws Exception {
    this.config = config;
    this.vertx = vertx;
    directory = DataDirectory.open(config.dataDir(), config.id());
    store =
        config.inMemoryStorage()
            ? new InMemoryPartitionedStore()
            : ChronicleStore.open(config.dataDir(), StoreOptions.defaults());
    try {
      hints = ChronicleHintStore.open(config.dataDir(), StoreOptions.defaults());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    transport = transportDecorator.decorate(config.id(), vertx, new GrpcPeerTransport(vertx));
    identity = new ClusterIdentity(config.clusterName(), config.partitions());
    buckets = new ClusterBucketRegistry(vertx, directory.bucketProps(), config.id(), System::currentTimeMillis);
    membership = gossip();
    metrics = new NodeMetrics(config.id());
    ClockPruning pruning = new ClockPruning(ClockPruning.DEFAULT_MAX_ENTRIES);
    warnIfTombstonesOutliveNoHint(config);
    PartitionTrees trees = new PartitionTrees(config.partitions(), config.antiEntropy().treeDepth());
    AntiEntropyCounters antiEntropyCounters = new AntiEntropyCounters();
    local =
        new LocalReplica(
            store, pruning, config.antiEntropy().enabled() ? trees : ReplicaChangeListener.NONE);
    antiEntropy =
        new AntiEntropy(
            vertx, config.antiEntropy(), trees, store, local, membership, buckets,
            this::largestN, transport, antiEntropyCounters, LoadSignal.NEVER_BUSY);
    transfers =
        new OwnershipTransfer(
            vertx,
            membership,
            config.antiEntropy().enabled() ? new TreeAwareStore(store, trees) : store,
            local,
            buckets,
            transport,
            directory.handoffProgress(),
            HandoffOptions.defaults(config.requestTimeoutMillis()).withPageKeys(config.handoffPageKeys()),
            Math.max(2_000, config.requestTimeoutMillis()),
            () -> node.get().stop());
    hinted = new HintedReplica(hints, System::currentTimeMillis);
    hintedHandoff =
        new HintedHandoff(
            vertx,
            config.id(),
            hints,
            new PeerHintChannel(membership, transport, config.requestTimeoutMillis()),
            membership::isUp,
            bucket -> buckets.props(bucket).conflict(),
            HintedHandoffOptions.defaults().withWindow(config.hintWindowMillis()),
            System::currentTimeMillis);
    coordinator =
        new DefaultCoordinator(
            vertx,
            membership,
            buckets,
            local,
            hinted,
            new PeerReplicaCalls(membership, transport, local, hinted, config.requestTimeoutMillis()),
            new ReplicationOptions(config.requestTimeoutMillis(), config.maxValueBytes(), config.coordinatorHints()),
            metrics,
            directory.actor(),
            System::currentTimeMillis);
    admin =
        new NodeAdmin(
            membership, buckets, local, antiEntropy, transfers::stats,
            () -> membership.isReady() && storagePrepared.get(),
            hints);
    registerGauges(pruning);
    if (config.antiEntropy().enabled()) {
      // Off means no series at all: "0 exchanges" would read as a stalled anti-entropy and alert.
      antiEntropyCounters.registerWith(metrics);
    }
    metrics.registerGossip(membership::rounds);
  }

  private GossipMembership gossip() throws Exception {
    ClusterStateFile clusterState = new ClusterStateFile(directory.root());
    return new GossipMembership(
        vertx,
        transport,
        new NodeInfo(config.id(), "", "", "", config.rack(), config.weight()),
        identity,
        buckets,
        clusterState,
        clusterState.load(),
        directory.nextGeneration(),
        new GossipOptions(config.gossipIntervalMillis(), config.phiThreshold()),
        this::load);
  }

  /**
   * A hint delivered after its key's tombstone was purged would bring the deleted value back, so
   * the tombstone grace period must outlast the hint window (see TombstoneReaper).
   */
  private static void warnIfTombstonesOutliveNoHint(NodeConfig config) {
    long graceMillis = config.antiEntropy().tombstoneGrace().toMillis();
    if (config.antiEntropy().enabled() && graceMillis < config.hintWindowMillis()) {
      LoggerFactory.getLogger(NodeParts.class).warn(
          "tombstone grace ({} ms) is shorter than the hint window ({} ms): a late hint could resurrect a purged delete",
          graceMillis, config.hintWindowMillis());
    }
  }

  /** The node-to-node services, served on the peer port. */
  List<Service> peerServices() {
    return List.of(
        ReplicaGrpcService.of(new ReplicaEndpoint(local, hinted, coordinator)),
        HintsGrpcService.of(new HintReceiver(local)),
        ClusterGrpcService.of(new ClusterEndpoint(membership::self, identity, buckets)),
        GossipGrpcService.of(new GossipEndpoint(membership)),
        HandoffGrpcService.of(transfers.endpoint()),
        antiEntropy.service());
  }

  /** The gauges' sources: each is read at every scrape, so each is cheap and never blocks. */
  private void registerGauges(ClockPruning pruning) {
    String id = config.id();
    metrics.registerPartitionsOwned(() -> membership.isReady() ? membership.ring().ownedCount(id) : 0);
    metrics.registerStorage(store::stats);
    metrics.registerMembers(
        () ->
            membership.entries().stream()
                .map(
                    entry ->
                        new MemberStatus(
                            entry.node().id(),
                            membership.isUp(entry.node().id()),
                            entry.membership().label()))
                .toList());
    metrics.registerClockPruning(pruning);
    metrics.registerHintsPending(this::hintsPendingForEveryPeer);
    metrics.registerHintTraffic(hinted::hintsCreated, hintedHandoff::delivered);
    metrics.registerHintsDropped(hintedHandoff::dropped);
  }

  /** Every peer listed, 0 when nothing waits for it: a dashboard shows the queue at rest too. */
  private Map<String, Long> hintsPendingForEveryPeer() {
    Map<String, Long> pending = new TreeMap<>();
    membership.nodes().stream()
        .filter(node -> !node.id().equals(config.id()))
        .forEach(node -> pending.put(node.id(), 0L));
    pending.putAll(hints.pendingByTarget());
    return pending;
  }

  private Load load() {
    StoreStats stats = store.stats();
    return new Load(stats.keys(), stats.valueBytes());
  }

  /** The most replicas any bucket asks for: anti-entropy keeps that many primaries in sync. */
  private int largestN() {
    return buckets.entries().stream().mapToInt(BucketEntry::getN).reduce(BucketProps.DEFAULTS.n(), Math::max);
  }
}
