package io.ringkv.antientropy;

import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Purges tombstones, but only those older than the grace period that every replica of the
 * partition holds in exactly the same version (DESIGN.md, "Versioning": a delete must not be
 * resurrected by anti-entropy). Run by the partition's owner, one sweep at a time:
 *
 * <ol>
 *   <li>list this node's tombstones whose newest sibling is older than {@code now - grace};
 *   <li>ask every other replica which of them it holds with the same version digest; a replica
 *       that does not answer holds none;
 *   <li>purge those every replica confirmed, on every replica, each purge conditional on the key
 *       still holding exactly that tombstone.
 * </ol>
 *
 * <p><b>Why every replica must hold it.</b> A tombstone is how a replica that still holds the
 * old value learns that it was deleted. Say replica C was down when key k was deleted: A and B
 * hold the tombstone T, C still holds the value V. Were A and B to purge T, C would come back
 * with V, find nothing for k on A and B, and anti-entropy (or read repair) would copy V back to
 * them: the delete undone. So while any replica cannot confirm T — C down, or C holding V — step
 * 2 fails for k and nothing is purged. When C returns, anti-entropy brings it T, whose clock
 * covers V, so the merge drops V; only then do all replicas confirm, and the purge finds no
 * replica holding anything older than T. A replica that goes down between confirming and purging
 * (or misses the purge call) still holds T, not V: when it returns it can only spread T again,
 * which a later sweep purges. Confirmation compares digests, so a replica holding T beside a
 * concurrent live sibling does not count as holding T.
 *
 * <p><b>Why a grace period too.</b> V may also be in flight rather than stored: a replica write
 * or read repair that left before the delete and is still delayed, a hint for C parked on a
 * fallback. Arriving after the purge it would find nothing to lose against. The grace period is
 * how late such a message may be: it must outlast the hint window (hints older than that are
 * dropped, never delivered), so the default grace is 4 hours against a 3-hour window, and a node
 * configured otherwise warns at start-up.
 *
 * <p><b>Why conditional.</b> A write may land between confirmation and purge — a new value put
 * with T's context, say. Each purge removes the key only if it still holds exactly T.
 *
 * <p>Replicas are the partition's current primaries. A node holding the partition's data outside
 * them — a partition on its way to a new owner — is not asked, so no sweep starts while the ring
 * is changing ({@link io.ringkv.cluster.ClusterView#writeRings()} names two rings then).
 */
final class TombstoneReaper {

  /** Tombstones asked about or purged in one call. */
  static final int TOMBSTONES_PER_CALL = 4_096;

  private final LocalPartitions local;
  private final long graceMillis;
  private final LongSupplier clock;

  TombstoneReaper(LocalPartitions local, long graceMillis, LongSupplier clock) {
    this.local = local;
    this.graceMillis = graceMillis;
    this.clock = clock;
  }

  /**
   * How a sweep went.
   *
   * @param candidates tombstones here older than the grace period
   * @param purged tombstones purged from this node's store
   */
  record Sweep(int partition, int candidates, int purged) {}

  /**
   * Sweeps one partition.
   *
   * @param others every other replica of the partition (its current primaries but this node)
   * @return fails when a replica could not be asked; nothing is purged then
   */
  Future<Sweep> sweep(int partition, List<RemoteReplica> others) {
    return local
        .tombstonesOlderThan(partition, clock.getAsLong() - graceMillis)
        .compose(candidates -> {
          Future<Integer> purged = Future.succeededFuture(0);
          for (Map<ByteBuffer, Long> batch : batches(candidates)) {
            purged = purged.compose(sofar -> confirmedEverywhere(partition, batch, others)
                .compose(confirmed -> purgeEverywhere(partition, confirmed, others))
                .map(count -> sofar + count));
          }
          return purged.map(count -> new Sweep(partition, candidates.size(), count));
        });
  }

  /** The tombstones of {@code batch} that every other replica holds in the same version. */
  private static Future<Map<ByteBuffer, Long>> confirmedEverywhere(
      int partition, Map<ByteBuffer, Long> batch, List<RemoteReplica> others) {
    List<Future<Set<ByteBuffer>>> answers = others.stream().map(other -> other.holding(partition, batch)).toList();
    return Future.all(answers).map(all -> {
      Map<ByteBuffer, Long> confirmed = new LinkedHashMap<>(batch);
      answers.forEach(held -> confirmed.keySet().retainAll(held.result()));
      return confirmed;
    });
  }

  /** Purges on the other replicas and here; answers how many went here. */
  private Future<Integer> purgeEverywhere(int partition, Map<ByteBuffer, Long> confirmed, List<RemoteReplica> others) {
    if (confirmed.isEmpty()) {
      return Future.succeededFuture(0);
    }
    List<Future<Integer>> remote = others.stream().map(other -> other.purge(partition, confirmed)).toList();
    // A replica that misses the purge keeps the tombstone, which is safe: a later sweep retries.
    return Future.join(remote).transform(ignored -> local.purge(partition, confirmed));
  }

  private static List<Map<ByteBuffer, Long>> batches(Map<ByteBuffer, Long> tombstones) {
    List<Map<ByteBuffer, Long>> batches = new ArrayList<>();
    Map<ByteBuffer, Long> batch = new HashMap<>();
    for (Map.Entry<ByteBuffer, Long> tombstone : tombstones.entrySet()) {
      batch.put(tombstone.getKey(), tombstone.getValue());
      if (batch.size() == TOMBSTONES_PER_CALL) {
        batches.add(batch);
        batch = new HashMap<>();
      }
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    return batches;
  }
}
