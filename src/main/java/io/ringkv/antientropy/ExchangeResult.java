package io.ringkv.antientropy;

/**
 * How one exchange of a partition with one peer went.
 *
 * @param partition the partition
 * @param peer the other replica's node id
 * @param outcome how it ended
 * @param comparisons pairs of tree hashes compared
 * @param keysListed keys listed under differing leaves, both sides together
 * @param keysRepaired keys whose stored version changed on either side
 * @param bytes bytes of anti-entropy messages sent and received
 * @param startedAtMillis when it started (epoch millis)
 * @param durationMillis how long it took
 * @param failure why it failed or was skipped, null otherwise
 * @param treeMismatch this side's tree disagreed with what its store listed under a differing leaf
 */
public record ExchangeResult(
    int partition,
    String peer,
    Outcome outcome,
    long comparisons,
    long keysListed,
    long keysRepaired,
    long bytes,
    long startedAtMillis,
    long durationMillis,
    String failure,
    boolean treeMismatch) {

  /** How an exchange ended. */
  public enum Outcome {
    /** The roots were equal: nothing to do. */
    IN_SYNC,
    /** Differing leaves were found and their keys synchronised both ways. */
    SYNCED,
    /** A tree was not built yet, or anti-entropy is off on the peer. */
    SKIPPED,
    /** A call failed (peer unreachable, timeout); retried later. */
    FAILED
  }
}
