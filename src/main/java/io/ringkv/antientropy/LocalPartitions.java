package io.ringkv.antientropy;

import io.ringkv.cluster.BucketRegistry;
import io.ringkv.replication.LocalReplica;
import io.ringkv.replication.ObjectRef;
import io.ringkv.storage.PartitionedStore;
import io.ringkv.version.SiblingSet;
import io.ringkv.version.SiblingSetCodec;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * This node's side of anti-entropy: its trees, and the reads and merges an exchange needs, for the
 * node that starts an exchange and for the one that answers it alike. Anything that scans a
 * partition or touches many keys runs on the anti-entropy worker pool, never on an event loop;
 * every write is a {@link LocalReplica} merge, so the trees follow and nothing is overwritten.
 *
 * <p>Keys are storage keys ({@link ObjectRef#storageKey()}) wrapped in {@link ByteBuffer}s, which
 * compare by content.
 */
final class LocalPartitions {

  private final PartitionTrees trees;
  private final PartitionedStore store;
  private final LocalReplica replica;
  private final BucketRegistry buckets;
  private final WorkerExecutor worker;

  LocalPartitions(
      PartitionTrees trees,
      PartitionedStore store,
      LocalReplica replica,
      BucketRegistry buckets,
      WorkerExecutor worker) {
    this.trees = trees;
    this.store = store;
    this.replica = replica;
    this.buckets = buckets;
    this.worker = worker;
  }

  PartitionTree tree(int partition) {
    return trees.tree(partition);
  }

  int depth() {
    return trees.depth();
  }

  int partitionCount() {
    return trees.partitionCount();
  }

  /** Builds the trees of every partition, one after another, on the worker pool. */
  Future<Void> buildAll() {
    Future<Void> built = Future.succeededFuture();
    for (int partition = 0; partition < trees.partitionCount(); partition++) {
      int next = partition;
      built = built.compose(done -> rebuild(next));
    }
    return built;
  }

  /** Rebuilds one partition's tree from the store, on the worker pool. */
  Future<Void> rebuild(int partition) {
    return blocking(() -> {
      trees.build(store, partition);
      return null;
    });
  }

  /** The keys under the given nodes of {@code level}, with the digests of their stored versions. */
  Future<Map<ByteBuffer, Long>> entriesUnder(int partition, int level, int[] indices) {
    int[] sorted = indices.clone();
    Arrays.sort(sorted);
    return blocking(() -> {
      Map<ByteBuffer, Long> entries = new HashMap<>();
      store.forEach(partition, (key, value) -> {
        if (Arrays.binarySearch(sorted, EntryHashing.indexAt(EntryHashing.position(key), level)) >= 0) {
          StoredVersion version = StoredVersion.ofEncoded(value);
          if (version != null) {
            entries.put(ByteBuffer.wrap(key), version.digest());
          }
        }
      });
      return entries;
    });
  }

  /** The stored sibling sets (encoded; empty when none) of the given keys, in the given order. */
  Future<Map<ByteBuffer, byte[]>> read(int partition, Collection<ByteBuffer> keys) {
    return blocking(() -> {
      Map<ByteBuffer, byte[]> stored = new LinkedHashMap<>();
      for (ByteBuffer key : keys) {
        stored.put(key, replica.readEncoded(object(partition, key)));
      }
      return stored;
    });
  }

  /**
   * Merges other replicas' sibling sets into this one, each by its bucket's conflict mode.
   *
   * @return how many keys the merges changed
   */
  Future<Integer> merge(int partition, Map<ByteBuffer, byte[]> incoming) {
    return blocking(() -> {
      int changed = 0;
      for (Map.Entry<ByteBuffer, byte[]> entry : incoming.entrySet()) {
        if (entry.getValue().length == 0) {
          continue;
        }
        ObjectRef object = object(partition, entry.getKey());
        SiblingSet before = replica.read(object);
        SiblingSet after =
            replica.merge(object, SiblingSetCodec.decode(entry.getValue()), buckets.props(object.bucket()).conflict());
        changed += after.equals(before) ? 0 : 1;
      }
      return changed;
    });
  }

  /** Tombstones whose newest sibling is older than {@code cutoffMillis}, with their digests. */
  Future<Map<ByteBuffer, Long>> tombstonesOlderThan(int partition, long cutoffMillis) {
    return blocking(() -> {
      Map<ByteBuffer, Long> old = new HashMap<>();
      store.forEach(partition, (key, value) -> {
        SiblingSet stored = SiblingSetCodec.decode(value);
        if (stored.isTombstone() && stored.newestTimestamp() < cutoffMillis) {
          old.put(ByteBuffer.wrap(key), stored.digest());
        }
      });
      return old;
    });
  }

  /** Which of the given tombstones this replica holds with exactly the given digest. */
  Future<Set<ByteBuffer>> holding(int partition, Map<ByteBuffer, Long> tombstones) {
    return blocking(() -> tombstones.entrySet().stream()
        .filter(tombstone -> {
          SiblingSet stored = replica.read(object(partition, tombstone.getKey()));
          return stored.isTombstone() && stored.digest() == tombstone.getValue();
        })
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet()));
  }

  /** Removes the given tombstones where they are still exactly those versions; how many went. */
  Future<Integer> purge(int partition, Map<ByteBuffer, Long> tombstones) {
    return blocking(() -> {
      int purged = 0;
      for (Map.Entry<ByteBuffer, Long> tombstone : tombstones.entrySet()) {
        purged += replica.removeTombstone(object(partition, tombstone.getKey()), tombstone.getValue()) ? 1 : 0;
      }
      return purged;
    });
  }

  private static ObjectRef object(int partition, ByteBuffer key) {
    return ObjectRef.fromStorageKey(partition, key.array());
  }

  private <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
    return worker.executeBlocking(work, false);
  }
}
