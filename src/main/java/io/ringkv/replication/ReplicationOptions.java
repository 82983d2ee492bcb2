package io.ringkv.replication;

/**
 * Tunables of the coordinator.
 *
 * @param requestTimeoutMillis how long a client request waits for its quorum; also the deadline
 *     of every replica call it makes
 * @param maxValueBytes the largest value a client may write (the contract's default is 1 MiB)
 */
public record ReplicationOptions(long requestTimeoutMillis, int maxValueBytes) {

  public static final ReplicationOptions DEFAULTS = new ReplicationOptions(2_000, 1 << 20);

  public ReplicationOptions {
    if (requestTimeoutMillis < 1) {
      throw new IllegalArgumentException("request timeout must be positive");
    }
    if (maxValueBytes < 1) {
      throw new IllegalArgumentException("max value size must be positive");
    }
  }
}
