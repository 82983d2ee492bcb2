package io.ringkv.handoff;

/**
 * How hinted handoff paces itself.
 *
 * @param batchHints the most hints one delivery call carries
 * @param batchBytes the most bytes of hinted values one call carries, past its first hint
 * @param batchesInFlight calls to one owner awaiting their answer at once: the flow control that
 *     keeps a returning owner from being flooded and the sender's memory bounded
 * @param checkIntervalMillis how often the owners of pending hints are looked at: a returning
 *     owner starts receiving its hints within about this long of being seen up
 * @param windowMillis hints older than this are dropped, not delivered (counted): an owner down
 *     for longer is better repaired by anti-entropy than by replaying an unbounded backlog
 * @param expirySweepMillis how often the hints of owners that stay down are swept for expired ones
 */
public record HintedHandoffOptions(
    int batchHints,
    int batchBytes,
    int batchesInFlight,
    long checkIntervalMillis,
    long windowMillis,
    long expirySweepMillis) {

  /** Three hours, as Cassandra's default max_hint_window. */
  public static final long DEFAULT_WINDOW_MILLIS = 3 * 60 * 60 * 1000L;

  public HintedHandoffOptions {
    if (batchHints < 1 || batchBytes < 1 || batchesInFlight < 1) {
      throw new IllegalArgumentException(
          "hint batches must be positive: " + batchHints + " hints, " + batchBytes + " bytes, "
              + batchesInFlight + " in flight");
    }
    if (checkIntervalMillis < 1 || windowMillis < 1 || expirySweepMillis < 1) {
      throw new IllegalArgumentException(
          "hint intervals must be positive: check " + checkIntervalMillis + " ms, window "
              + windowMillis + " ms, sweep " + expirySweepMillis + " ms");
    }
  }

  /** 64 hints or 1 MiB a call, 4 calls in flight, checked every second, a 3 h window swept every minute. */
  public static HintedHandoffOptions defaults() {
    return new HintedHandoffOptions(64, 1 << 20, 4, 1_000, DEFAULT_WINDOW_MILLIS, 60_000);
  }

  public HintedHandoffOptions withWindow(long millis) {
    return new HintedHandoffOptions(
        batchHints, batchBytes, batchesInFlight, checkIntervalMillis, millis,
        Math.min(expirySweepMillis, Math.max(checkIntervalMillis, millis / 2)));
  }

  public HintedHandoffOptions withCheckInterval(long millis) {
    return new HintedHandoffOptions(
        batchHints, batchBytes, batchesInFlight, millis, windowMillis, expirySweepMillis);
  }

  public HintedHandoffOptions withBatches(int hints, int inFlight) {
    return new HintedHandoffOptions(
        hints, batchBytes, inFlight, checkIntervalMillis, windowMillis, expirySweepMillis);
  }
}
