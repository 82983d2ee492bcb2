package io.ringkv.antientropy;

import io.ringkv.antientropy.ExchangeResult.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One exchange of a partition with one other replica (DESIGN.md, "Anti-entropy"), read top to
 * bottom as its steps:
 *
 * <ol>
 *   <li>{@link #compareTrees}: the roots, then level by level only the children of nodes that
 *       differ (a {@link Descent}, a level a call, batched);
 *   <li>{@link #syncLeaves}: for each batch of differing leaves, both sides list their keys there
 *       with version digests, and the keys whose digests differ are repaired both ways:
 *   <li>{@link #pull}: this side fetches the peer's version of every key where the peer holds one
 *       this side lacks or that differs, and merges it here;
 *   <li>{@link #push}: this side sends its (now merged) version of every key the peer lacks or
 *       holds differently, and the peer merges it.
 * </ol>
 *
 * Every write is a merge on the receiving side, never an overwrite, so an exchange racing with
 * client writes loses nothing; at worst a key written meanwhile waits for the next exchange.
 */
final class Exchange {

  /** Tree nodes asked for in one call. */
  static final int NODES_PER_CALL = 8_192;
  /**
   * About how many keys one round lists a side: a round's leaves are as many as hold about this
   * many keys, judging by the larger partition of the two. Each round scans the partition on both
   * sides, so a few big rounds beat many small ones, within a message's size.
   */
  static final long KEYS_PER_ROUND = 16_384;
  /** Keys fetched in one call (their size is unknown until they arrive). */
  static final int KEYS_PER_FETCH = 256;
  /** Pushed sibling sets are sent in calls of about this many bytes. */
  static final int BYTES_PER_PUSH = 1 << 20;

  private final Vertx vertx;
  private final LocalPartitions local;
  private final RemoteReplica remote;
  private final int partition;
  private final LoadSignal load;
  private final LongSupplier clock;

  private Descent descent;
  private long keysListed;
  private long keysRepaired;
  private boolean treeMismatch;

  Exchange(Vertx vertx, LocalPartitions local, RemoteReplica remote, int partition, LoadSignal load, LongSupplier clock) {
    this.vertx = vertx;
    this.local = local;
    this.remote = remote;
    this.partition = partition;
    this.load = load;
    this.clock = clock;
  }

  /** Runs the exchange; the future always succeeds, with the outcome. */
  Future<ExchangeResult> run() {
    long started = clock.getAsLong();
    return compareTrees()
        .compose(differing -> differing.leaves().length == 0
            ? Future.succeededFuture(Outcome.IN_SYNC)
            : syncLeaves(differing).map(Outcome.SYNCED))
        .map(outcome -> result(outcome, started, null))
        .recover(failure -> Future.succeededFuture(failure instanceof NotReady notReady
            ? result(Outcome.SKIPPED, started, notReady.getMessage())
            : result(Outcome.FAILED, started, Objects.toString(failure.getMessage(), failure.toString()))));
  }

  /**
   * The leaves whose hashes differ, at the depth both trees have.
   *
   * @param keysPerLeaf about how many keys a leaf holds on the fuller side
   */
  private record DifferingLeaves(int level, int[] leaves, long keysPerLeaf) {}

  private Future<DifferingLeaves> compareTrees() {
    return remote.treeHashes(partition, 0, new int[] {0})
        .compose(root -> {
          if (!root.getReady()) {
            throw new NotReady("the tree of " + remote.nodeId() + " is not ready");
          }
          descent = new Descent(Math.min(local.depth(), root.getDepth()));
          descent.compare(localHashes(0, new int[] {0}), hashes(root.getHashesList()));
          long keys = Math.max(local.tree(partition).keys(), root.getKeys());
          return descend(Math.max(1, keys >> descent.depth()));
        });
  }

  private Future<DifferingLeaves> descend(long keysPerLeaf) {
    if (descent.done()) {
      return Future.succeededFuture(new DifferingLeaves(descent.level(), descent.differingLeaves(), keysPerLeaf));
    }
    int level = descent.level();
    int[] frontier = descent.frontier();
    return remoteHashes(level, frontier).compose(remoteHashes -> {
      descent.compare(localHashes(level, frontier), remoteHashes);
      return descend(keysPerLeaf);
    });
  }

  private Future<long[]> remoteHashes(int level, int[] nodes) {
    List<Future<long[]>> batches = new ArrayList<>();
    for (int[] batch : batches(nodes, NODES_PER_CALL)) {
      batches.add(remote.treeHashes(partition, level, batch).map(reply -> {
        if (!reply.getReady()) {
          throw new NotReady("the tree of " + remote.nodeId() + " is being rebuilt");
        }
        return hashes(reply.getHashesList());
      }));
    }
    return Future.all(batches).map(all -> concat(all.<long[]>list()));
  }

  private long[] localHashes(int level, int[] nodes) {
    long[] hashes = local.tree(partition).hashes(level, nodes);
    if (hashes == null) {
      throw new NotReady("this node's tree of partition " + partition + " is not ready");
    }
    return hashes;
  }

  private Future<Void> syncLeaves(DifferingLeaves differing) {
    Future<Void> rounds = Future.succeededFuture();
    int leavesPerRound = (int) Math.max(1, Math.min(NODES_PER_CALL, KEYS_PER_ROUND / differing.keysPerLeaf()));
    for (int[] leaves : batches(differing.leaves(), leavesPerRound)) {
      rounds = rounds.compose(done -> whenQuiet()).compose(quiet -> syncRound(differing.level(), leaves));
    }
    return rounds;
  }

  private Future<Void> syncRound(int level, int[] leaves) {
    Future<Map<ByteBuffer, Long>> ours = local.entriesUnder(partition, level, leaves);
    Future<Map<ByteBuffer, Long>> theirs = remote.entriesUnder(partition, level, leaves);
    return Future.all(ours, theirs).compose(both -> {
      keysListed += ours.result().size() + theirs.result().size();
      checkOwnTree(level, leaves, ours.result());
      KeyDifferences differences = KeyDifferences.between(ours.result(), theirs.result());
      return pull(differences.toPull()).compose(pulled -> push(differences.toPush(), theirs.result()));
    });
  }

  /**
   * Compares this side's leaf hashes with the XOR of the entries just listed under them. They
   * differ when the tree no longer follows the store (a partition dropped behind its back, a bug,
   * bit rot) — or when a write landed between the listing and this look, which is why the
   * scheduler rebuilds a tree only after repeated mismatches.
   */
  private void checkOwnTree(int level, int[] leaves, Map<ByteBuffer, Long> listed) {
    long[] tree = local.tree(partition).hashes(level, leaves);
    if (tree == null) {
      return;
    }
    Map<Integer, Long> fromListing = new HashMap<>();
    listed.forEach((key, digest) -> {
      long position = EntryHashing.position(key.array());
      fromListing.merge(EntryHashing.indexAt(position, level), EntryHashing.entry(position, digest), (a, b) -> a ^ b);
    });
    for (int i = 0; i < leaves.length; i++) {
      if (tree[i] != fromListing.getOrDefault(leaves[i], 0L)) {
        treeMismatch = true;
        return;
      }
    }
  }

  /** Fetches the peer's versions of these keys and merges them here. */
  private Future<Void> pull(List<ByteBuffer> keys) {
    Future<Void> fetched = Future.succeededFuture();
    for (List<ByteBuffer> batch : batches(keys, KEYS_PER_FETCH)) {
      fetched = fetched
          .compose(done -> remote.fetch(partition, batch))
          .compose(objects -> local.merge(partition, objects))
          .map(changed -> {
            keysRepaired += changed;
            return null;
          });
    }
    return fetched;
  }

  /**
   * Sends this side's version of these keys where it still differs from the digest the peer
   * listed (a pulled key whose merge equals the peer's version needs nothing).
   */
  private Future<Void> push(List<ByteBuffer> keys, Map<ByteBuffer, Long> theirDigests) {
    if (keys.isEmpty()) {
      return Future.succeededFuture();
    }
    return local.read(partition, keys).compose(stored -> {
      Map<ByteBuffer, byte[]> needed = new LinkedHashMap<>();
      stored.forEach((key, siblings) -> {
        StoredVersion ours = StoredVersion.ofEncoded(siblings);
        if (ours != null && !Objects.equals(ours.digest(), theirDigests.get(key))) {
          needed.put(key, siblings);
        }
      });
      Future<Void> pushed = Future.succeededFuture();
      for (Map<ByteBuffer, byte[]> batch : pushBatches(needed)) {
        pushed = pushed
            .compose(done -> whenQuiet())
            .compose(quiet -> remote.push(partition, batch))
            .map(changed -> {
              keysRepaired += changed;
              return null;
            });
      }
      return pushed;
    });
  }

  /** Waits while client traffic is suffering (the {@link LoadSignal}). */
  private Future<Void> whenQuiet() {
    if (!load.busy()) {
      return Future.succeededFuture();
    }
    return vertx.timer(ExchangeScheduler.BUSY_RECHECK_MILLIS).compose(fired -> whenQuiet());
  }

  private ExchangeResult result(Outcome outcome, long started, String failure) {
    long now = clock.getAsLong();
    return new ExchangeResult(
        partition, remote.nodeId(), outcome, descent == null ? 0 : descent.comparisons(), keysListed, keysRepaired, remote.bytes(),
        started, now - started, failure, treeMismatch);
  }

  private static List<Map<ByteBuffer, byte[]>> pushBatches(Map<ByteBuffer, byte[]> objects) {
    List<Map<ByteBuffer, byte[]>> batches = new ArrayList<>();
    Map<ByteBuffer, byte[]> batch = new LinkedHashMap<>();
    long bytes = 0;
    for (Map.Entry<ByteBuffer, byte[]> object : objects.entrySet()) {
      batch.put(object.getKey(), object.getValue());
      bytes += object.getKey().capacity() + object.getValue().length;
      if (bytes >= BYTES_PER_PUSH) {
        batches.add(batch);
        batch = new LinkedHashMap<>();
        bytes = 0;
      }
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    return batches;
  }

  private static List<int[]> batches(int[] items, int size) {
    List<int[]> batches = new ArrayList<>();
    for (int from = 0; from < items.length; from += size) {
      batches.add(Arrays.copyOfRange(items, from, Math.min(items.length, from + size)));
    }
    return batches;
  }

  private static <T> List<List<T>> batches(List<T> items, int size) {
    List<List<T>> batches = new ArrayList<>();
    for (int from = 0; from < items.size(); from += size) {
      batches.add(items.subList(from, Math.min(items.size(), from + size)));
    }
    return batches;
  }

  private static long[] hashes(List<Long> hashes) {
    return hashes.stream().mapToLong(Long::longValue).toArray();
  }

  private static long[] concat(List<long[]> parts) {
    long[] all = new long[parts.stream().mapToInt(part -> part.length).sum()];
    int at = 0;
    for (long[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  /** A tree on one side is not built (start-up, or anti-entropy off there): try again later. */
  private static final class NotReady extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotReady(String message) {
      super(message, null, false, false);
    }
  }
}
