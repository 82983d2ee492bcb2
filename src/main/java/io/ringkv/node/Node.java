package io.ringkv.node;

import io.ringkv.api.grpc.GrpcApiVerticle;
import io.ringkv.api.http.HttpApi;
import io.ringkv.api.http.HttpApiOptions;
import io.ringkv.api.http.HttpApiVerticle;
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
import io.ringkv.handoff.OwnershipTransfer;
import io.ringkv.replication.DefaultCoordinator;
import io.ringkv.replication.LocalReplica;
import io.ringkv.replication.PeerReplicaCalls;
import io.ringkv.replication.ReplicaEndpoint;
import io.ringkv.replication.ReplicationListener;
import io.ringkv.replication.ReplicationOptions;
import io.ringkv.storage.ChronicleStore;
import io.ringkv.storage.PartitionedStore;
import io.ringkv.storage.StoreOptions;
import io.ringkv.storage.StoreStats;
import io.ringkv.transport.GrpcPeerTransport;
import io.ringkv.transport.PeerServer;
import io.ringkv.transport.PeerTransport;
import io.ringkv.transport.PeerAddresses;
import io.ringkv.transport.TransportDecorator;
import io.ringkv.transport.proto.ClusterGrpcService;
import io.ringkv.transport.proto.GossipGrpcService;
import io.ringkv.transport.proto.HandoffGrpcService;
import io.ringkv.transport.proto.ReplicaGrpcService;
import io.ringkv.version.ClockPruning;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ringkv node: one Vert.x instance running the peer server, the client APIs, membership and
 * the coordinator over this node's replica store (DESIGN.md, "One node = one JVM = one Vert.x").
 *
 * <p>Starting is two steps so that nodes bound to free ports can learn each other's addresses:
 * {@link #bind} opens the store and every port, {@link #join} starts gossiping with the seeds. A
 * node that has left the cluster and handed everything over stops by itself ({@link #terminated}).
 */
public final class Node {

  private static final Logger log = LoggerFactory.getLogger(Node.class);

  private final NodeConfig config;
  private final Vertx vertx;
  private final PartitionedStore store;
  private final PeerTransport transport;
  private final PeerServer peerServer;
  private final GossipMembership membership;
  private final OwnershipTransfer transfers;
  private final NodeInfo advertised;
  private final List<String> deployments;
  private final Promise<Void> terminated;
  private Future<Void> stopped;

  private Node(
      NodeConfig config,
      Vertx vertx,
      PartitionedStore store,
      PeerTransport transport,
      PeerServer peerServer,
      GossipMembership membership,
      OwnershipTransfer transfers,
      NodeInfo advertised,
      List<String> deployments,
      Promise<Void> terminated) {
    this.config = config;
    this.vertx = vertx;
    this.store = store;
    this.transport = transport;
    this.peerServer = peerServer;
    this.membership = membership;
    this.transfers = transfers;
    this.advertised = advertised;
    this.deployments = deployments;
    this.terminated = terminated;
  }

  /** Binds and joins the seeds of the config. */
  public static Future<Node> start(NodeConfig config) {
    return bind(config, TransportDecorator.NONE).compose(node -> node.join(config.seeds()).map(node));
  }

  /**
   * Opens the store and binds every port; the node answers peers but knows no cluster yet.
   *
   * @param transportDecorator wraps the peer transport (tests inject faults with it)
   */
  public static Future<Node> bind(NodeConfig config, TransportDecorator transportDecorator) {
    VertxOptions options = new VertxOptions();
    if (config.eventLoops() > 0) {
      options.setEventLoopPoolSize(config.eventLoops());
    }
    Vertx vertx = Vertx.vertx(options);
    return vertx
        .executeBlocking(() -> openStorage(config))
        .compose(opened -> assemble(config, vertx, opened, transportDecorator.decorate(config.id(), vertx, new GrpcPeerTransport(vertx))))
        .onFailure(failure -> vertx.close());
  }

  private record Opened(
      DataDirectory directory,
      PartitionedStore store,
      ClusterStateFile clusterState,
      ClusterStateFile.Saved saved,
      long generation) {}

  private static Opened openStorage(NodeConfig config) throws Exception {
    DataDirectory directory = DataDirectory.open(config.dataDir(), config.id());
    PartitionedStore store = ChronicleStore.open(config.dataDir(), StoreOptions.defaults());
    ClusterStateFile clusterState = new ClusterStateFile(directory.root());
    return new Opened(directory, store, clusterState, clusterState.load(), directory.nextGeneration());
  }

  private static Future<Node> assemble(
      NodeConfig config, Vertx vertx, Opened opened, PeerTransport transport) {
    ClusterIdentity identity = new ClusterIdentity(config.clusterName(), config.partitions());
    NodeInfo unbound = new NodeInfo(config.id(), "", "", "", config.rack(), config.weight());
    ClusterBucketRegistry buckets =
        new ClusterBucketRegistry(vertx, opened.directory().bucketProps(), config.id(), System::currentTimeMillis);
    GossipMembership membership =
        new GossipMembership(
            vertx,
            transport,
            unbound,
            identity,
            buckets,
            opened.clusterState(),
            opened.saved(),
            opened.generation(),
            new GossipOptions(config.gossipIntervalMillis(), config.phiThreshold()),
            () -> load(opened.store()));
    LocalReplica local = new LocalReplica(opened.store(), new ClockPruning(ClockPruning.DEFAULT_MAX_ENTRIES));
    Promise<Void> terminated = Promise.promise();
    var self = new java.util.concurrent.atomic.AtomicReference<Node>();
    OwnershipTransfer transfers =
        new OwnershipTransfer(
            vertx,
            membership,
            opened.store(),
            local,
            buckets,
            transport,
            opened.directory().handoffProgress(),
            HandoffOptions.defaults(config.requestTimeoutMillis()).withPageKeys(config.handoffPageKeys()),
            Math.max(2_000, config.requestTimeoutMillis()),
            () -> self.get().stop());
    ReplicationOptions replication =
        new ReplicationOptions(config.requestTimeoutMillis(), config.maxValueBytes());
    DefaultCoordinator coordinator =
        new DefaultCoordinator(
            vertx,
            membership,
            buckets,
            local,
            new PeerReplicaCalls(membership, transport, local, config.requestTimeoutMillis()),
            replication,
            ReplicationListener.NONE,
            opened.directory().actor(),
            System::currentTimeMillis);
    NodeAdmin admin = new NodeAdmin(membership, buckets, local, transfers::stats);
    int instances = config.apiInstances() > 0 ? config.apiInstances() : 2 * Runtime.getRuntime().availableProcessors();
    DeploymentOptions deployment = new DeploymentOptions().setInstances(instances);
    HttpApiOptions httpOptions = HttpApiOptions.defaults().withMaxValueBytes(config.maxValueBytes());
    return PeerServer.listen(
            vertx,
            config.host(),
            config.peerPort(),
            List.of(
                ReplicaGrpcService.of(new ReplicaEndpoint(local, coordinator)),
                ClusterGrpcService.of(new ClusterEndpoint(membership::self, identity, buckets)),
                GossipGrpcService.of(new GossipEndpoint(membership)),
                HandoffGrpcService.of(transfers.endpoint())))
        .compose(
            peer -> {
              HttpApi api = new HttpApi(coordinator, buckets, admin, httpOptions);
              var http = new Remembering<>(() -> new HttpApiVerticle(api, config.host(), sharedPort(config.httpPort())));
              var grpc = new Remembering<>(GrpcApiVerticle.instances(coordinator, config.host(), config.grpcPort(), config.maxValueBytes()));
              return vertx
                  .deployVerticle(http, deployment)
                  .compose(httpId -> vertx.deployVerticle(grpc, deployment)
                      .map(grpcId -> {
                        NodeInfo advertised =
                            new NodeInfo(
                                config.id(),
                                PeerAddresses.format(config.host(), peer.actualPort()),
                                PeerAddresses.format(config.host(), http.last().actualPort()),
                                PeerAddresses.format(config.host(), grpc.last().actualPort()),
                                config.rack(),
                                config.weight());
                        Node node =
                            new Node(
                                config, vertx, opened.store(), transport, peer, membership, transfers,
                                advertised, List.of(httpId, grpcId), terminated);
                        self.set(node);
                        return node;
                      }));
            });
  }

  private static Load load(PartitionedStore store) {
    StoreStats stats = store.stats();
    return new Load(stats.keys(), stats.valueBytes());
  }

  /**
   * Starts gossip with these seeds, and ownership transfer.
   *
   * @return completes once the ring is known (seeds that are down are retried, never fatal)
   */
  public Future<Void> join(List<String> seeds) {
    log.info(
        "node {} listening: http {}, grpc {}, peer {}",
        advertised.id(), advertised.httpAddress(), advertised.grpcAddress(), advertised.peerAddress());
    Future<Void> ready = membership.start(advertised, seeds);
    transfers.start();
    return ready;
  }

  /** Membership as this node sees it (gossip state, failure detector, claimant). */
  public GossipMembership membership() {
    return membership;
  }

  /** This node's partition store (tests and operators look at what it holds). */
  public PartitionedStore store() {
    return store;
  }

  /** Ownership transfer on this node. */
  public OwnershipTransfer transfers() {
    return transfers;
  }

  /** Completes once the node has stopped, whether asked to or by itself after leaving. */
  public Future<Void> terminated() {
    return terminated.future();
  }

  public NodeInfo info() {
    return advertised;
  }

  public NodeConfig config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Stops serving, then closes the store cleanly (so the next start needs no recovery). */
  public synchronized Future<Void> stop() {
    if (stopped == null) {
      stopped = shutDown();
    }
    return stopped;
  }

  private Future<Void> shutDown() {
    transfers.stop();
    membership.stop();
    return Future.join(deployments.stream().map(vertx::undeploy).toList())
        .transform(ignored -> peerServer.close())
        .transform(ignored -> transport.close())
        .transform(ignored -> vertx.executeBlocking(() -> {
          store.close();
          return null;
        }))
        .transform(ignored -> vertx.close())
        .andThen(closed -> terminated.tryComplete());
  }

  /**
   * Vert.x gives each server instance bound to port 0 a port of its own; a negative port is one
   * free port shared by every instance bound to the same number.
   */
  private static int sharedPort(int port) {
    return port == 0 ? -SHARED_FREE_PORTS.incrementAndGet() : port;
  }

  private static final java.util.concurrent.atomic.AtomicInteger SHARED_FREE_PORTS =
      new java.util.concurrent.atomic.AtomicInteger(1000);

  /** A verticle supplier that remembers an instance it made, to ask it for the bound port. */
  private static final class Remembering<V> implements java.util.function.Supplier<V> {
    private final java.util.function.Supplier<V> delegate;
    private volatile V last;

    Remembering(java.util.function.Supplier<V> delegate) {
      this.delegate = delegate;
    }

    @Override
    public V get() {
      V made = delegate.get();
      last = made;
      return made;
    }

    V last() {
      return last;
    }
  }
}
