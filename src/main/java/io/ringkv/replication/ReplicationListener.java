package io.ringkv.replication;

/**
 * What the coordinator reports as it works, for metrics. Kept as a port so that replication does
 * not depend on a metrics library; {@link #NONE} ignores everything.
 */
public interface ReplicationListener {

  ReplicationListener NONE = new ReplicationListener() {};

  /** A replica answered (or failed) a call in {@code nanos}. */
  default void replicaCall(String nodeId, String op, long nanos, boolean succeeded) {}

  /** A read answered with this many live siblings. */
  default void siblingsRead(int siblings) {}

  /** Read repair sent the merged value to a stale or silent replica. */
  default void readRepair(String nodeId) {}
}
