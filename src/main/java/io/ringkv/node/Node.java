package io.ringkv.node;

import io.ringkv.api.grpc.GrpcApiVerticle;
import io.ringkv.api.http.HttpApi;
import io.ringkv.api.http.HttpApiOptions;
import io.ringkv.api.http.HttpApiVerticle;
import io.ringkv.cluster.ClusterBucketRegistry;
import io.ringkv.cluster.ClusterEndpoint;
import io.ringkv.cluster.ClusterIdentity;
import io.ringkv.cluster.NodeInfo;
import io.ringkv.cluster.StaticMembership;
import io.ringkv.handoff.HintReceiver;
import io.ringkv.handoff.HintedHandoff;
import io.ringkv.handoff.HintedHandoffOptions;
import io.ringkv.handoff.PeerHintChannel;
import io.ringkv.metrics.MemberStatus;
import io.ringkv.metrics.NodeMetrics;
import io.ringkv.replication.DefaultCoordinator;
import io.ringkv.replication.HintedReplica;
import io.ringkv.replication.LocalReplica;
import io.ringkv.replication.PeerReplicaCalls;
import io.ringkv.replication.ReplicaEndpoint;
import io.ringkv.replication.ReplicationOptions;
import io.ringkv.storage.ChronicleHintStore;
import io.ringkv.storage.ChronicleStore;
import io.ringkv.storage.HintStore;
import io.ringkv.storage.PartitionedStore;
import io.ringkv.storage.StoreOptions;
import io.ringkv.transport.GrpcPeerTransport;
import io.ringkv.transport.PeerServer;
import io.ringkv.transport.PeerTransport;
import io.ringkv.transport.PeerAddresses;
import io.ringkv.transport.TransportDecorator;
import io.ringkv.transport.proto.ClusterGrpcService;
import io.ringkv.transport.proto.HintsGrpcService;
import io.ringkv.transport.proto.ReplicaGrpcService;
import io.ringkv.version.ClockPruning;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ringkv node: one Vert.x instance running the peer server, the client APIs, membership and
 * the coordinator over this node's replica store (DESIGN.md, "One node = one JVM = one Vert.x").
 *
 * <p>Starting is two steps so that nodes bound to free ports can learn each other's addresses:
 * {@link #bind} opens the store and every port, {@link #join} starts talking to the seeds.
 */
public final class Node {

  private static final Logger log = LoggerFactory.getLogger(Node.class);

  private final NodeConfig config;
  private final Vertx vertx;
  private final PartitionedStore store;
  private final HintStore hints;
  private final HintedHandoff handoff;
  private final PeerTransport transport;
  private final PeerServer peerServer;
  private final StaticMembership membership;
  private final NodeInfo advertised;
  private final List<String> deployments;
  private final NodeMetrics metrics;
  private Future<Void> stopped;

  private Node(
      NodeConfig config,
      Vertx vertx,
      Opened storage,
      HintedHandoff handoff,
      PeerTransport transport,
      PeerServer peerServer,
      StaticMembership membership,
      NodeInfo advertised,
      List<String> deployments,
      NodeMetrics metrics) {
    this.config = config;
    this.vertx = vertx;
    this.store = storage.store();
    this.hints = storage.hints();
    this.handoff = handoff;
    this.transport = transport;
    this.peerServer = peerServer;
    this.membership = membership;
    this.advertised = advertised;
    this.deployments = deployments;
    this.metrics = metrics;
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

  private record Opened(DataDirectory directory, PartitionedStore store, HintStore hints) {}

  private static Opened openStorage(NodeConfig config) throws Exception {
    DataDirectory directory = DataDirectory.open(config.dataDir(), config.id());
    PartitionedStore store = ChronicleStore.open(config.dataDir(), StoreOptions.defaults());
    try {
      return new Opened(directory, store, ChronicleHintStore.open(config.dataDir(), StoreOptions.defaults()));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static Future<Node> assemble(
      NodeConfig config, Vertx vertx, Opened opened, PeerTransport transport) {
    ClusterIdentity identity = new ClusterIdentity(config.clusterName(), config.partitions());
    NodeInfo unbound = new NodeInfo(config.id(), "", "", "", config.rack(), config.weight());
    var bucketsHolder = new java.util.concurrent.atomic.AtomicReference<StaticMembership>();
    ClusterBucketRegistry buckets =
        new ClusterBucketRegistry(
            vertx,
            opened.directory().bucketProps(),
            config.id(),
            transport,
            () -> bucketsHolder.get().nodes(),
            System::currentTimeMillis);
    StaticMembership membership = new StaticMembership(vertx, transport, unbound, identity, buckets);
    bucketsHolder.set(membership);
    NodeMetrics metrics = new NodeMetrics(config.id());
    ClockPruning pruning = new ClockPruning(ClockPruning.DEFAULT_MAX_ENTRIES);
    LocalReplica local = new LocalReplica(opened.store(), pruning);
    HintedReplica hinted = new HintedReplica(opened.hints(), System::currentTimeMillis);
    HintedHandoff handoff =
        new HintedHandoff(
            vertx,
            config.id(),
            opened.hints(),
            new PeerHintChannel(membership, transport, config.requestTimeoutMillis()),
            membership::isUp,
            bucket -> buckets.props(bucket).conflict(),
            HintedHandoffOptions.defaults().withWindow(config.hintWindowMillis()),
            System::currentTimeMillis);
    registerGauges(metrics, config.id(), membership, opened.store(), pruning);
    metrics.registerHintsPending(() -> hintsPendingForEveryPeer(membership, opened.hints()));
    metrics.registerHintTraffic(hinted::hintsCreated, handoff::delivered);
    metrics.registerHintsDropped(handoff::dropped);
    ReplicationOptions replication =
        new ReplicationOptions(config.requestTimeoutMillis(), config.maxValueBytes());
    DefaultCoordinator coordinator =
        new DefaultCoordinator(
            vertx,
            membership,
            buckets,
            local,
            hinted,
            new PeerReplicaCalls(membership, transport, local, hinted, config.requestTimeoutMillis()),
            replication,
            metrics,
            opened.directory().actor(),
            System::currentTimeMillis);
    NodeAdmin admin = new NodeAdmin(membership, buckets, local, opened.hints());
    int instances =
        config.apiInstances() > 0
            ? config.apiInstances()
            : config.eventLoops() > 0 ? config.eventLoops() : 2 * Runtime.getRuntime().availableProcessors();
    DeploymentOptions deployment = new DeploymentOptions().setInstances(instances);
    HttpApiOptions httpOptions =
        HttpApiOptions.defaults()
            .withMaxValueBytes(config.maxValueBytes())
            .withMetricsHandler(metrics.scrapeHandler())
            .withRequestObserver(metrics);
    return PeerServer.listen(
            vertx,
            config.host(),
            config.peerPort(),
            List.of(
                ReplicaGrpcService.of(new ReplicaEndpoint(local, hinted, coordinator)),
                HintsGrpcService.of(new HintReceiver(local)),
                ClusterGrpcService.of(new ClusterEndpoint(membership, identity, buckets))),
            instances)
        .compose(
            peer -> {
              HttpApi api = new HttpApi(coordinator, buckets, admin, httpOptions);
              var http = new Remembering<>(() -> new HttpApiVerticle(api, config.host(), sharedPort(config.httpPort())));
              var grpc = new Remembering<>(GrpcApiVerticle.instances(coordinator, metrics, config.host(), config.grpcPort(), config.maxValueBytes()));
              return vertx
                  .deployVerticle(http, deployment)
                  .compose(httpId -> vertx.deployVerticle(grpc, deployment)
                      .compose(grpcId -> metrics.watchEventLoops(vertx, eventLoops(config))
                      .map(lagProbesId -> {
                        NodeInfo advertised =
                            new NodeInfo(
                                config.id(),
                                PeerAddresses.format(config.host(), peer.actualPort()),
                                PeerAddresses.format(config.host(), http.last().actualPort()),
                                PeerAddresses.format(config.host(), grpc.last().actualPort()),
                                config.rack(),
                                config.weight());
                        return new Node(
                            config, vertx, opened, handoff, transport, peer, membership, advertised,
                            List.of(httpId, grpcId, lagProbesId), metrics);
                      })));
            })
        .onFailure(failure -> metrics.close()); // its JVM listeners would outlive the node
  }

  /** The gauges' sources: each is read at every scrape, so each is cheap and never blocks. */
  private static void registerGauges(
      NodeMetrics metrics, String id, StaticMembership membership, PartitionedStore store, ClockPruning pruning) {
    metrics.registerPartitionsOwned(() -> membership.isReady() ? membership.ring().ownedCount(id) : 0);
    metrics.registerStorage(store::stats);
    metrics.registerMembers(
        () -> membership.nodes().stream()
            .map(node -> new MemberStatus(node.id(), membership.isUp(node.id()), "member"))
            .toList());
    metrics.registerClockPruning(pruning);
  }

  /** Every peer listed, 0 when nothing waits for it: a dashboard shows the queue at rest too. */
  private static Map<String, Long> hintsPendingForEveryPeer(StaticMembership membership, HintStore hints) {
    Map<String, Long> pending = new TreeMap<>();
    membership.nodes().stream()
        .filter(node -> !node.id().equals(membership.self().id()))
        .forEach(node -> pending.put(node.id(), 0L));
    pending.putAll(hints.pendingByTarget());
    return pending;
  }

  private static int eventLoops(NodeConfig config) {
    return config.eventLoops() > 0 ? config.eventLoops() : VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
  }

  /**
   * Starts membership with these seeds.
   *
   * @return completes once the ring is known (seeds that are down are retried, never fatal)
   */
  public Future<Void> join(List<String> seeds) {
    log.info(
        "node {} listening: http {}, grpc {}, peer {}",
        advertised.id(), advertised.httpAddress(), advertised.grpcAddress(), advertised.peerAddress());
    handoff.start();
    return membership.start(advertised, seeds);
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
    membership.stop();
    return handoff.stop()
        .transform(ignored -> Future.join(deployments.stream().map(vertx::undeploy).toList()))
        .transform(ignored -> peerServer.close())
        .transform(ignored -> transport.close())
        .transform(ignored -> vertx.executeBlocking(() -> {
          store.close();
          hints.close();
          return null;
        }))
        .transform(ignored -> vertx.close())
        .andThen(closed -> metrics.close());
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
