package io.ringkv.storage;

import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * A node's local data: one logical map of opaque byte keys to opaque byte values per partition
 * (0..Q-1). Each partition is its own unit, so that ownership transfer and anti-entropy work
 * partition by partition.
 *
 * <p>All methods are thread-safe and meant for event-loop threads: point operations take
 * microseconds. Byte arrays passed in or returned are never retained or shared.
 */
public interface PartitionedStore extends AutoCloseable {

  /** The value stored for {@code key} in {@code partition}, or null when there is none. */
  byte[] get(int partition, byte[] key);

  /**
   * Atomically replaces the value of {@code key} with {@code change.apply(current)}, where current
   * is null when the key is absent; a null result removes the key. No other update of the same key
   * runs between reading the current value and storing the result, so callers merge here rather
   * than overwrite blindly.
   *
   * <p>{@code change} must be a pure function of its argument and must not call the store: it may
   * be applied more than once (only the last application's result is stored, for instance when a
   * map had to grow first). Returning the argument itself (the same array) means "no change" and
   * writes nothing.
   *
   * @return what is now stored for the key (null when absent)
   */
  byte[] update(int partition, byte[] key, UnaryOperator<byte[]> change);

  /**
   * Visits every key of one partition with its value, for transfer and anti-entropy. Weakly
   * consistent: safe while others write; a key not written meanwhile is visited once, one written
   * meanwhile may be visited with its old value, its new one, or (rarely) both. The visitor runs
   * outside the store's locks and may call the store.
   */
  void forEach(int partition, BiConsumer<byte[], byte[]> visitor);

  /** Removes every key of {@code partition} and frees its storage. */
  void dropPartition(int partition);

  /**
   * Opens, creating if need be, the storage of these partitions now, so that no first write has
   * to pay for it. Blocking (creating a map takes milliseconds): call it off the event loop.
   */
  default void prepare(java.util.Collection<Integer> partitions) {}

  /** The partitions that hold at least one key. */
  Set<Integer> partitions();

  /** Sizes, for metrics and operators. */
  StoreStats stats();

  /** Flushes and releases everything; later calls fail. */
  @Override
  void close();
}
