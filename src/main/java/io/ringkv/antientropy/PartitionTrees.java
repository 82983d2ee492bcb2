package io.ringkv.antientropy;

import io.ringkv.replication.ReplicaChangeListener;
import io.ringkv.storage.PartitionedStore;
import io.ringkv.version.SiblingSet;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The Merkle trees of every partition of this node, one {@link PartitionTree} each, kept current
 * as the node's {@link io.ringkv.replication.LocalReplica} reports its changes: every write, merge,
 * read repair, hint delivery, transfer and tombstone purge goes through there.
 */
public final class PartitionTrees implements ReplicaChangeListener {

  private final PartitionTree[] trees;
  private final int depth;

  /**
   * @param partitionCount Q
   * @param depth the depth of every tree ({@link MerkleTree}); leaves are {@code 2^depth}
   */
  public PartitionTrees(int partitionCount, int depth) {
    new MerkleTree(depth); // validates the depth before allocating anything
    this.depth = depth;
    this.trees = new PartitionTree[partitionCount];
    for (int partition = 0; partition < partitionCount; partition++) {
      trees[partition] = new PartitionTree(depth);
    }
  }

  public int depth() {
    return depth;
  }

  public int partitionCount() {
    return trees.length;
  }

  @Override
  public void changed(int partition, byte[] storageKey, SiblingSet before, SiblingSet after) {
    trees[partition].changed(storageKey, before, after);
  }

  PartitionTree tree(int partition) {
    return trees[partition];
  }

  /**
   * Builds one partition's tree from the store, while writes go on. Blocking (it reads and decodes
   * the whole partition): run it on a worker.
   */
  public void build(PartitionedStore store, int partition) {
    PartitionTree tree = trees[partition];
    tree.beginBuild();
    Map<ByteBuffer, StoredVersion> scanned = new HashMap<>();
    store.forEach(
        partition,
        (key, value) -> {
          StoredVersion version = StoredVersion.ofEncoded(value);
          if (version != null) {
            scanned.put(ByteBuffer.wrap(key), version);
          }
        });
    tree.finishBuild(scanned);
  }

  /** Whether every partition's tree is built. */
  public boolean allReady() {
    for (PartitionTree tree : trees) {
      if (!tree.ready()) {
        return false;
      }
    }
    return true;
  }
}
