package io.ringkv.antientropy;

/**
 * What anti-entropy reports as it works, for metrics (exchanges, keys repaired, bytes, comparisons,
 * tombstones purged). A port, so that this package does not depend on a metrics library;
 * {@link #NONE} ignores everything. Called from event loops: implementations must not block.
 */
public interface AntiEntropyListener {

  AntiEntropyListener NONE = new AntiEntropyListener() {};

  /** An exchange of one partition with one peer ended, whatever its outcome. */
  default void exchanged(ExchangeResult result) {}

  /** A sweep of one partition purged this many tombstones from this node's store. */
  default void tombstonesPurged(int partition, int count) {}
}
