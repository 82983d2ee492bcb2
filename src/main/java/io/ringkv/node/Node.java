package io.ringkv.node;

import io.ringkv.api.grpc.GrpcApiVerticle;
import io.ringkv.api.http.HttpApi;
import io.ringkv.api.http.HttpApiOptions;
import io.ringkv.api.http.HttpApiVerticle;
import io.ringkv.cluster.BucketProps;
import io.ringkv.cluster.GossipMembership;
import io.ringkv.cluster.NodeInfo;
import io.ringkv.handoff.OwnershipTransfer;
import io.ringkv.ring.Ring;
import io.ringkv.storage.PartitionedStore;
import io.ringkv.transport.PeerAddresses;
import io.ringkv.transport.PeerServer;
import io.ringkv.transport.SharedPorts;
import io.ringkv.transport.TransportDecorator;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ringkv node: one Vert.x instance running the peer server, the client APIs, gossip,
 * anti-entropy, ownership transfer and hinted handoff over this node's replica store (DESIGN.md, "One node = one
 * JVM = one Vert.x"); the parts themselves are wired in {@link NodeParts}.
 *
 * <p>Starting is two steps so that nodes bound to free ports can learn each other's addresses:
 * {@link #bind} opens the store and every port, {@link #join} starts gossiping with the seeds. A
 * node that has left the cluster and handed everything over stops by itself ({@link #terminated}).
 */
public final class Node {

  private static final Logger log = LoggerFactory.getLogger(Node.class);

  private final NodeParts parts;
  private final PeerServer peerServer;
  private final NodeInfo advertised;
  private final List<String> deployments;
  private Future<Void> stopped;

  private Node(NodeParts parts, PeerServer peerServer, NodeInfo advertised, List<String> deployments) {
    this.parts = parts;
    this.peerServer = peerServer;
    this.advertised = advertised;
    this.deployments = deployments;
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
    // Not tied to this node's Vert.x: when binding fails it is closed, and a continuation
    // scheduled on its context would never run (the caller would wait forever).
    Promise<Node> bound = Promise.promise();
    vertx
        .executeBlocking(() -> new NodeParts(config, vertx, transportDecorator))
        .compose(Node::serveOrRelease)
        .onComplete(result -> {
          if (result.succeeded()) {
            offNodeThreads(() -> bound.complete(result.result()));
          } else {
            vertx.close().onComplete(closed -> offNodeThreads(() -> bound.fail(result.cause())));
          }
        });
    return bound.future();
  }

  /**
   * Runs the caller's continuation on a thread of no Vert.x instance: a caller that binds the
   * next node from it (LocalCluster binds them in turn) would otherwise create that node's Vert.x
   * on this one's event loop, which Vert.x warns about on every start of {@code local}.
   */
  private static void offNodeThreads(Runnable continuation) {
    ForkJoinPool.commonPool().execute(continuation);
  }

  /** Serves, or if that fails closes the stores the parts opened before failing in turn. */
  private static Future<Node> serveOrRelease(NodeParts parts) {
    return serve(parts).recover(failure -> closeStorage(parts).transform(closed -> Future.failedFuture(failure)));
  }

  /** Closes the partition and hint stores (blocking, so on a worker). */
  private static Future<Void> closeStorage(NodeParts parts) {
    return parts.vertx.executeBlocking(() -> {
      parts.store.close();
      parts.hints.close();
      return null;
    });
  }

  /** Binds the peer port, then deploys the client APIs and the background verticles. */
  private static Future<Node> serve(NodeParts parts) {
    NodeConfig config = parts.config;
    Vertx vertx = parts.vertx;
    int instances = instancesPerServer(config);
    DeploymentOptions deployment = new DeploymentOptions().setInstances(instances);
    HttpApi api =
        new HttpApi(
            parts.coordinator,
            parts.buckets,
            parts.admin,
            HttpApiOptions.defaults()
                .withMaxValueBytes(config.maxValueBytes())
                .withMetricsHandler(parts.metrics.scrapeHandler())
                .withRequestObserver(parts.metrics));
    var http = new Remembering<>(() -> new HttpApiVerticle(api, config.host(), SharedPorts.forInstances(config.httpPort())));
    var grpc =
        new Remembering<>(
            GrpcApiVerticle.instances(
                parts.coordinator, parts.metrics, config.host(), config.grpcPort(), config.maxValueBytes()));
    List<Supplier<Future<String>>> deployments =
        List.of(
            () -> naming(vertx.deployVerticle(http, deployment), "http", config.httpPort()),
            () -> naming(vertx.deployVerticle(grpc, deployment), "grpc", config.grpcPort()),
            () -> parts.metrics.watchEventLoops(vertx, eventLoops(config)),
            parts.antiEntropy::start);
    return naming(PeerServer.listen(vertx, config.host(), config.peerPort(), parts.peerServices(), instances), "peer", config.peerPort())
        .compose(
            peer ->
                deployInOrder(deployments, new ArrayList<>())
                    .map(
                        deployed -> {
                          NodeInfo advertised =
                              new NodeInfo(
                                  config.id(),
                                  PeerAddresses.format(config.host(), peer.actualPort()),
                                  PeerAddresses.format(config.host(), http.last().actualPort()),
                                  PeerAddresses.format(config.host(), grpc.last().actualPort()),
                                  config.rack(),
                                  config.weight());
                          Node node = new Node(parts, peer, advertised, deployed);
                          parts.node.set(node);
                          return node;
                        }))
        .onFailure(failure -> parts.metrics.close()); // its JVM listeners would outlive the node
  }

  /** A server that cannot listen says which one and on what port: "Address already in use" names neither. */
  private static <T> Future<T> naming(Future<T> listening, String server, int port) {
    return listening.recover(failure -> Future.failedFuture(
        new IllegalStateException("cannot listen on " + server + " port " + port + ": " + failure.getMessage(), failure)));
  }

  /** Deploys one after the other; the ids of what was deployed (some parts deploy nothing: null). */
  private static Future<List<String>> deployInOrder(List<Supplier<Future<String>>> deployments, List<String> ids) {
    if (ids.size() == deployments.size()) {
      return Future.succeededFuture(ids.stream().filter(Objects::nonNull).toList());
    }
    return deployments.get(ids.size()).get().compose(id -> {
      ids.add(id);
      return deployInOrder(deployments, ids);
    });
  }

  private static int instancesPerServer(NodeConfig config) {
    if (config.apiInstances() > 0) {
      return config.apiInstances();
    }
    return eventLoops(config);
  }

  private static int eventLoops(NodeConfig config) {
    return config.eventLoops() > 0 ? config.eventLoops() : VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
  }

  /**
   * Starts gossip with these seeds, ownership transfer and hinted handoff.
   *
   * @return completes once the ring is known (seeds that are down are retried, never fatal) and
   *     the maps of this node's partitions are open
   */
  public Future<Void> join(List<String> seeds) {
    log.info(
        "node {} listening: http {}, grpc {}, peer {}",
        advertised.id(), advertised.httpAddress(), advertised.grpcAddress(), advertised.peerAddress());
    Future<Void> ready = parts.membership.start(advertised, seeds);
    parts.transfers.start();
    parts.hintedHandoff.start();
    return ready
        .compose(known -> parts.vertx.executeBlocking(() -> {
          parts.store.prepare(replicatedPartitions());
          return null;
        }))
        .onSuccess(prepared -> parts.storagePrepared.set(true))
        .mapEmpty();
  }

  /**
   * The partitions this node holds a replica of: their maps are opened before the node says it is
   * ready, so no client write waits for a map to be created on an event loop.
   */
  private List<Integer> replicatedPartitions() {
    Ring ring = parts.membership.ring();
    int n = BucketProps.DEFAULTS.n();
    List<Integer> replicated = new ArrayList<>();
    for (int partition = 0; partition < ring.partitionCount(); partition++) {
      if (ring.preferenceList(partition, n).primaries().contains(advertised.id())) {
        replicated.add(partition);
      }
    }
    return replicated;
  }

  /** Membership as this node sees it (gossip state, failure detector, claimant). */
  public GossipMembership membership() {
    return parts.membership;
  }

  /** This node's partition store (tests and operators look at what it holds). */
  public PartitionedStore store() {
    return parts.store;
  }

  /** Ownership transfer on this node. */
  public OwnershipTransfer transfers() {
    return parts.transfers;
  }

  /** Completes once the node has stopped, whether asked to or by itself after leaving. */
  public Future<Void> terminated() {
    return parts.terminated.future();
  }

  public NodeInfo info() {
    return advertised;
  }

  public NodeConfig config() {
    return parts.config;
  }

  public Vertx vertx() {
    return parts.vertx;
  }

  /** Stops serving, then closes the store cleanly (so the next start needs no recovery). */
  public synchronized Future<Void> stop() {
    if (stopped == null) {
      stopped = shutDown();
    }
    return stopped;
  }

  private Future<Void> shutDown() {
    Vertx vertx = parts.vertx;
    parts.transfers.stop();
    parts.membership.stop();
    parts.antiEntropy.stopping();
    return parts.hintedHandoff.stop()
        .transform(ignored -> Future.join(deployments.stream().map(vertx::undeploy).toList()))
        .transform(ignored -> peerServer.close())
        .transform(ignored -> parts.transport.close())
        .transform(ignored -> closeStorage(parts))
        .transform(ignored -> {
          parts.metrics.close();
          return vertx.close();
        })
        .andThen(closed -> parts.terminated.tryComplete());
  }

  /** A verticle supplier that remembers an instance it made, to ask it for the bound port. */
  private static final class Remembering<V> implements Supplier<V> {
    private final Supplier<V> delegate;
    private volatile V last;

    Remembering(Supplier<V> delegate) {
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
