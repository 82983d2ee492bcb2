package io.ringkv.antientropy;

import io.ringkv.storage.PartitionedStore;
import io.ringkv.storage.StoreStats;
import java.util.Collection;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * The node's store as ownership transfer sees it: dropping a partition (one this node no longer
 * replicates) also rebuilds that partition's Merkle tree, which no {@link
 * io.ringkv.replication.LocalReplica} change report would otherwise empty. Everything else passes
 * through.
 */
public final class TreeAwareStore implements PartitionedStore {

  private final PartitionedStore store;
  private final PartitionTrees trees;

  public TreeAwareStore(PartitionedStore store, PartitionTrees trees) {
    this.store = store;
    this.trees = trees;
  }

  @Override
  public byte[] get(int partition, byte[] key) {
    return store.get(partition, key);
  }

  @Override
  public byte[] update(int partition, byte[] key, UnaryOperator<byte[]> change) {
    return store.update(partition, key, change);
  }

  @Override
  public void forEach(int partition, BiConsumer<byte[], byte[]> visitor) {
    store.forEach(partition, visitor);
  }

  /** Drops the partition, then rebuilds its tree (blocking, as dropping is). */
  @Override
  public void dropPartition(int partition) {
    store.dropPartition(partition);
    trees.build(store, partition);
  }

  @Override
  public void prepare(Collection<Integer> partitions) {
    store.prepare(partitions);
  }

  @Override
  public Set<Integer> partitions() {
    return store.partitions();
  }

  @Override
  public StoreStats stats() {
    return store.stats();
  }

  @Override
  public void close() {
    store.close();
  }
}
