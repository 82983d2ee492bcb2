package io.ringkv.antientropy;

import io.ringkv.cluster.ClusterView;
import io.ringkv.cluster.NodeInfo;
import io.ringkv.ring.Ring;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which exchange runs when. Every partition this node replicates is exchanged with each of
 * its other replicas (the partition's primaries) once per interval, and each partition this node
 * owns is swept for purgeable tombstones once per sweep interval; the first round is spread at
 * random over one interval so that nodes started together do not exchange together. At most
 * {@code maxConcurrentExchanges} tasks run at once, one a partition, the most overdue first, none start while the
 * {@link LoadSignal} says client traffic suffers, and peers that look down are left for later.
 *
 * <p>A verticle: its state is confined to its own event loop, where every exchange's steps run too
 * (blocking reads and merges go to the anti-entropy worker pool). {@link #repairNow} makes every
 * task due at once: the operator's full pass ({@code ringkv admin repair}).
 */
final class ExchangeScheduler extends VerticleBase {

  /**
   * How often the scheduler looks for due work. Exchanges that find the replicas in sync start
   * only on ticks, so even continuous anti-entropy starts at most
   * {@code maxConcurrentExchanges} of them a tick instead of spinning on cheap root comparisons;
   * one that found differences lets the next start at once (a repair runs at full speed).
   */
  static final long TICK_MILLIS = 100;
  /** How often a backed-off exchange looks at the load again. */
  static final long BUSY_RECHECK_MILLIS = 250;
  /** When a failed or skipped task is tried again, at the latest. */
  static final long RETRY_MILLIS = 5_000;
  /** Exchanges in a row that find this node's tree of a partition wrong before it is rebuilt. */
  static final int MISMATCHES_BEFORE_REBUILD = 2;

  private static final Logger log = LoggerFactory.getLogger(ExchangeScheduler.class);

  /** An exchange of a partition with a peer, or (peer null) a tombstone sweep of a partition. */
  private record Task(int partition, String peer) {
    boolean isSweep() {
      return peer == null;
    }
  }

  private record Due(Task task, long atMillis) {}

  private final AntiEntropyOptions options;
  private final ClusterView cluster;
  private final IntSupplier replicaCount;
  private final LocalPartitions local;
  private final RemoteReplicas remotes;
  private final TombstoneReaper reaper;
  private final AntiEntropyStats stats;
  private final AntiEntropyListener listener;
  private final LoadSignal load;
  private final LongSupplier clock;

  private final Map<Task, Long> lastStarted = new HashMap<>();
  private final Set<Task> running = new HashSet<>();
  private final Map<Integer, Integer> treeMismatches = new HashMap<>();
  private long startedAt;
  private long forcedAt = Long.MIN_VALUE;
  private long timer = -1;
  /** The tasks of the ring and replica count they were computed for (a new ring is a new object). */
  private List<Task> tasks = List.of();
  private Ring tasksRing;
  private int tasksReplicaCount;

  ExchangeScheduler(
      AntiEntropyOptions options,
      ClusterView cluster,
      IntSupplier replicaCount,
      LocalPartitions local,
      RemoteReplicas remotes,
      AntiEntropyStats stats,
      AntiEntropyListener listener,
      LoadSignal load,
      LongSupplier clock) {
    this.options = options;
    this.cluster = cluster;
    this.replicaCount = replicaCount;
    this.local = local;
    this.remotes = remotes;
    this.reaper = new TombstoneReaper(local, options.tombstoneGrace().toMillis(), clock);
    this.stats = stats;
    this.listener = listener;
    this.load = load;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    startedAt = clock.getAsLong();
    if (options.enabled()) {
      timer = vertx.setPeriodic(TICK_MILLIS, id -> pump());
    }
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  /**
   * Makes every exchange and sweep due now.
   *
   * @return what was queued: {@code {"partitions", "exchanges", "sweeps", "peersDown"}}
   */
  Future<JsonObject> repairNow() {
    Promise<JsonObject> queued = Promise.promise();
    context.runOnContext(ignored -> {
      if (!cluster.isReady()) {
        queued.fail(new IllegalStateException("the ring is not known yet"));
        return;
      }
      forcedAt = clock.getAsLong();
      queued.complete(describePass());
      pump();
    });
    return queued.future();
  }

  private JsonObject describePass() {
    Set<Integer> partitions = new TreeSet<>();
    Set<String> down = new TreeSet<>();
    int exchanges = 0;
    int sweeps = 0;
    for (Task task : tasks()) {
      partitions.add(task.partition());
      if (task.isSweep()) {
        sweeps++;
      } else if (cluster.isUp(task.peer())) {
        exchanges++;
      } else {
        down.add(task.peer());
      }
    }
    return new JsonObject()
        .put("partitions", partitions.size())
        .put("exchanges", exchanges)
        .put("sweeps", sweeps)
        .put("peersDown", new JsonArray(List.copyOf(down)));
  }

  private void pump() {
    if (!cluster.isReady() || running.size() >= options.maxConcurrentExchanges()) {
      return;
    }
    if (load.busy()) {
      stats.backedOff();
      return;
    }
    long now = clock.getAsLong();
    for (Due due : dueTasks(now)) {
      if (running.size() >= options.maxConcurrentExchanges()) {
        return;
      }
      // One task a partition at a time: the second exchange then starts from what the first
      // brought, instead of pulling the same keys again.
      if (running.stream().noneMatch(task -> task.partition() == due.task().partition())) {
        start(due.task(), now);
      }
    }
  }

  private List<Due> dueTasks(long now) {
    List<Due> due = new ArrayList<>();
    for (Task task : tasks()) {
      if (running.contains(task) || !local.tree(task.partition()).ready()) {
        continue;
      }
      if (task.isSweep() ? local.tree(task.partition()).tombstones() == 0 : !cluster.isUp(task.peer())) {
        continue;
      }
      long at = dueAt(task, now);
      if (at <= now) {
        due.add(new Due(task, at));
      }
    }
    due.sort(Comparator.comparingLong(Due::atMillis));
    return due;
  }

  /** Every exchange and sweep this node is responsible for under the current ring. */
  private List<Task> tasks() {
    Ring ring = cluster.ring();
    int n = replicaCount.getAsInt();
    if (ring != tasksRing || n != tasksReplicaCount) {
      tasks = tasksUnder(ring, n);
      tasksRing = ring;
      tasksReplicaCount = n;
    }
    return tasks;
  }

  private List<Task> tasksUnder(Ring ring, int n) {
    String self = cluster.self().id();
    List<Task> all = new ArrayList<>();
    for (int partition = 0; partition < ring.partitionCount(); partition++) {
      List<String> replicas = ring.preferenceList(partition, n).primaries();
      if (!replicas.contains(self)) {
        continue;
      }
      for (String peer : replicas) {
        if (!peer.equals(self)) {
          all.add(new Task(partition, peer));
        }
      }
      if (replicas.get(0).equals(self)) {
        all.add(new Task(partition, null));
      }
    }
    return List.copyOf(all);
  }

  private long dueAt(Task task, long now) {
    long interval = interval(task);
    long last = lastStarted.computeIfAbsent(task, first -> firstRound(interval));
    long due = last + interval;
    return last < forcedAt ? Math.min(due, forcedAt) : due;
  }

  /** A first "last start" that makes the task due at a random point of the first interval. */
  private long firstRound(long interval) {
    return startedAt - interval + (interval == 0 ? 0 : ThreadLocalRandom.current().nextLong(interval));
  }

  private long interval(Task task) {
    return (task.isSweep() ? options.tombstoneSweepInterval() : options.exchangeInterval()).toMillis();
  }

  private void start(Task task, long now) {
    Optional<List<RemoteReplica>> peers =
        task.isSweep() ? sweepers(task.partition()) : remote(task.peer()).map(List::of);
    if (peers.isEmpty()) {
      if (task.isSweep()) {
        stats.sweepHeldBack();
        retrySoon(task);
      }
      return;
    }
    running.add(task);
    lastStarted.put(task, now);
    stats.started();
    if (task.isSweep()) {
      reaper.sweep(task.partition(), peers.get()).onComplete(swept -> {
        if (swept.succeeded()) {
          stats.swept(swept.result());
          listener.tombstonesPurged(task.partition(), swept.result().purged());
        } else {
          stats.sweepFailed();
          retrySoon(task);
        }
        running.remove(task);
      });
    } else {
      new Exchange(vertx, local, peers.get().get(0), task.partition(), load, clock).run().onSuccess(result -> {
        stats.exchanged(result);
        listener.exchanged(result);
        if (result.outcome() == ExchangeResult.Outcome.FAILED || result.outcome() == ExchangeResult.Outcome.SKIPPED) {
          retrySoon(task);
        }
        checkTree(task.partition(), result);
        running.remove(task);
        if (result.outcome() == ExchangeResult.Outcome.SYNCED) {
          pump();
        }
      });
    }
  }

  /**
   * Rebuilds this node's tree of a partition after {@value #MISMATCHES_BEFORE_REBUILD} exchanges
   * in a row found it disagreeing with the store (see {@code Exchange#checkOwnTree}); a rebuild
   * is one scan of the partition, safe while writes go on.
   */
  private void checkTree(int partition, ExchangeResult result) {
    if (result.outcome() != ExchangeResult.Outcome.SYNCED) {
      return;
    }
    int mismatches = result.treeMismatch() ? treeMismatches.merge(partition, 1, Integer::sum) : 0;
    if (mismatches == 0) {
      treeMismatches.remove(partition);
    } else if (mismatches >= MISMATCHES_BEFORE_REBUILD) {
      treeMismatches.remove(partition);
      log.warn("the anti-entropy tree of partition {} disagrees with the store: rebuilding it", partition);
      stats.treeRebuilt();
      local.rebuild(partition);
    }
  }

  private void retrySoon(Task task) {
    long interval = interval(task);
    lastStarted.put(task, clock.getAsLong() - interval + Math.min(RETRY_MILLIS, interval));
  }

  /**
   * Who must confirm a tombstone before a sweep of the partition may purge it: its other
   * primaries, if every one of them looks up and no partition is moving. A replica that cannot
   * confirm, or data on its way to a new owner, could bring the value back (see TombstoneReaper).
   */
  private Optional<List<RemoteReplica>> sweepers(int partition) {
    return cluster.writeRings().size() > 1 ? Optional.empty() : otherReplicas(partition);
  }

  /** The partition's other primaries, if every one of them is known and looks up. */
  private Optional<List<RemoteReplica>> otherReplicas(int partition) {
    List<RemoteReplica> others = new ArrayList<>();
    String self = cluster.self().id();
    for (String replica : cluster.ring().preferenceList(partition, replicaCount.getAsInt()).primaries()) {
      if (replica.equals(self)) {
        continue;
      }
      Optional<RemoteReplica> remote = cluster.isUp(replica) ? remote(replica) : Optional.empty();
      if (remote.isEmpty()) {
        return Optional.empty();
      }
      others.add(remote.get());
    }
    return Optional.of(others);
  }

  private Optional<RemoteReplica> remote(String nodeId) {
    return cluster.node(nodeId).map(NodeInfo::peerAddress).filter(address -> !address.isEmpty())
        .map(address -> remotes.at(nodeId, address));
  }
}
