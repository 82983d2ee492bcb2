package io.ringkv.storage;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Hinted handoff (Dynamo §4.6): a fallback node keeps the writes meant for an owner that is down,
 * keyed by (target node id, partition, key), apart from its own partition data, and delivers them
 * when the owner is back. A hint is deleted only after the owner acknowledged it, and only if it
 * did not change in the meantime.
 *
 * <p>Thread-safe; point operations are as fast as {@link PartitionedStore}'s.
 */
public interface HintStore extends AutoCloseable {

  /**
   * Atomically replaces the hint with {@code change.apply(current)} (current is null when there is
   * none; a null result removes it), with the same guarantees and rules for {@code change} as
   * {@link PartitionedStore#update}.
   *
   * @return the hint now kept (null when none)
   */
  byte[] merge(String target, int partition, byte[] key, UnaryOperator<byte[]> change);

  /** Visits every hint kept for {@code target}; weakly consistent, the visitor may call the store. */
  void forEachFor(String target, HintVisitor visitor);

  /**
   * Removes the hint if it still holds exactly {@code deliveredValue}: a hint merged with a newer
   * write after its delivery started must survive to be delivered again.
   *
   * @return true when the hint was removed
   */
  boolean removeIfUnchanged(String target, int partition, byte[] key, byte[] deliveredValue);

  /** Number of hints kept per target node; targets without hints are left out. */
  Map<String, Long> pendingByTarget();

  /** Number of hints kept in total. */
  long pending();

  @Override
  void close();
}
