package io.ringkv.replication;

/**
 * Tunables of the coordinator.
 *
 * @param requestTimeoutMillis how long a client request waits for its quorum; also the deadline
 *     of every replica call it makes
 * @param maxValueBytes the largest value a client may write (the contract's default is 1 MiB)
 * @param coordinatorHints whether the coordinator keeps a hint itself for an owner whose copy no
 *     target holds: the owner is down and no fallback is left, or its write failed and no spare
 *     fallback is left to take it (Cassandra's coordinator does the same)
 */
public record ReplicationOptions(long requestTimeoutMillis, int maxValueBytes, boolean coordinatorHints) {

  public static final ReplicationOptions DEFAULTS = new ReplicationOptions(2_000, 1 << 20, true);

  public ReplicationOptions {
    if (requestTimeoutMillis < 1) {
      throw new IllegalArgumentException("request timeout must be positive");
    }
    if (maxValueBytes < 1) {
      throw new IllegalArgumentException("max value size must be positive");
    }
  }
}
