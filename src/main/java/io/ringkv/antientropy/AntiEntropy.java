package io.ringkv.antientropy;

import io.ringkv.cluster.BucketRegistry;
import io.ringkv.cluster.ClusterView;
import io.ringkv.replication.LocalReplica;
import io.ringkv.replication.RequestError;
import io.ringkv.replication.RequestException;
import io.ringkv.storage.PartitionedStore;
import io.ringkv.transport.PeerTransport;
import io.ringkv.transport.proto.AntiEntropyGrpcService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.server.Service;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's anti-entropy (DESIGN.md, "Anti-entropy"), assembled: the Merkle trees of its partitions,
 * the peer service that answers other replicas, the scheduler that starts exchanges and tombstone
 * sweeps, and the operator's view. The node wires it in four places: the trees listen to its
 * {@link LocalReplica}; {@link #service()} goes on the peer server; {@link #start()} deploys it;
 * {@link #status()} and {@link #repair()} back {@code /admin/anti-entropy} and {@code POST /admin/repair}.
 */
public final class AntiEntropy {

  private static final Logger log = LoggerFactory.getLogger(AntiEntropy.class);
  /** Transfers may run this far ahead of the bandwidth limit before they wait. */
  private static final long BURST_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
  /** Scans, reads and merges for exchanges run here: one thread bounds them to one core. */
  private static final int WORKER_THREADS = 1;

  private final Vertx vertx;
  private final AntiEntropyOptions options;
  private final PartitionTrees trees;
  private final LocalPartitions local;
  private final AntiEntropyStats stats;
  private final ExchangeScheduler scheduler;
  private volatile boolean stopping;

  /**
   * @param trees the trees the node's {@link LocalReplica} reports its changes to
   * @param replicaCount how many primaries each partition has: the largest n of any bucket, so
   *     that every replica of every key takes part (a bucket with a smaller n then has its keys
   *     copied to the partition's other primaries too)
   */
  public AntiEntropy(
      Vertx vertx,
      AntiEntropyOptions options,
      PartitionTrees trees,
      PartitionedStore store,
      LocalReplica replica,
      ClusterView cluster,
      BucketRegistry buckets,
      IntSupplier replicaCount,
      PeerTransport transport,
      AntiEntropyListener listener,
      LoadSignal load) {
    this.vertx = vertx;
    this.options = options;
    this.trees = trees;
    this.local = new LocalPartitions(
        trees, store, replica, buckets, vertx.createSharedWorkerExecutor("ringkv-anti-entropy", WORKER_THREADS));
    this.stats = new AntiEntropyStats(trees.partitionCount());
    RemoteReplicas remotes = new RemoteReplicas(
        vertx, transport, new BandwidthLimit(options.bytesPerSecond(), BURST_NANOS), options.callTimeout().toMillis());
    this.scheduler = new ExchangeScheduler(
        options, cluster, replicaCount, local, remotes, stats, listener, load, System::currentTimeMillis);
  }

  /** The AntiEntropy peer service, for the peer server. */
  public Service service() {
    return AntiEntropyGrpcService.of(new AntiEntropyEndpoint(local, options.enabled()));
  }

  /**
   * Starts building every partition's tree from the store (on the worker pool, in the background:
   * a partition takes part in exchanges once its tree is built) and deploys the scheduler.
   *
   * @return the scheduler's deployment id, for undeploying (it idles when anti-entropy is off)
   */
  public Future<String> start() {
    if (!options.enabled()) {
      return vertx.deployVerticle(scheduler);
    }
    long began = System.nanoTime();
    local.buildAll().onComplete(built -> {
      if (built.succeeded()) {
        log.info("anti-entropy trees built for {} partitions in {} ms",
            trees.partitionCount(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
      } else if (stopping) {
        // The node stopped while the trees were building: the store closed under the build.
        log.info("anti-entropy trees not built: the node is stopping");
      } else {
        log.error("building the anti-entropy trees failed", built.cause());
      }
    });
    return vertx.deployVerticle(scheduler);
  }

  /** Says the node is stopping: a tree build then ends on a closed store, which is no error. */
  public void stopping() {
    stopping = true;
  }

  /** {@code /admin/anti-entropy}: settings, totals, and per partition its tree and last exchange. */
  public JsonObject status() {
    JsonObject status = new JsonObject()
        .put("enabled", options.enabled())
        .put("treeDepth", options.treeDepth())
        .put("exchangeIntervalMillis", options.exchangeInterval().toMillis())
        .put("maxConcurrentExchanges", options.maxConcurrentExchanges())
        .put("bytesPerSecond", options.bytesPerSecond())
        .put("tombstoneGraceMillis", options.tombstoneGrace().toMillis());
    return options.enabled() ? status.mergeIn(stats.toJson(trees)) : status;
  }

  /** {@code POST /admin/repair}: every exchange and sweep of this node is due now. */
  public Future<JsonObject> repair() {
    if (!options.enabled()) {
      return Future.failedFuture(
          new RequestException(RequestError.BAD_REQUEST, "anti-entropy is disabled on this node"));
    }
    return scheduler.repairNow().recover(failure -> Future.failedFuture(
        new RequestException(RequestError.NOT_READY, failure.getMessage())));
  }
}
