package io.ringkv.antientropy;

/**
 * A bytes-per-second budget shared by a node's exchanges, as a virtual clock (the generic cell
 * rate algorithm): each transfer moves the clock on by its size over the rate, and a transfer must
 * wait until the clock is no more than one burst ahead of real time. Sending first and charging
 * the reply afterwards is allowed: the debt delays the next transfer. Pure and thread-safe.
 */
final class BandwidthLimit {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long bytesPerSecond;
  private final long burstNanos;
  private long theoreticalArrivalNanos = Long.MIN_VALUE;

  /**
   * @param bytesPerSecond the sustained rate
   * @param burstNanos how far ahead of the rate transfers may run before they wait
   */
  BandwidthLimit(long bytesPerSecond, long burstNanos) {
    this.bytesPerSecond = bytesPerSecond;
    this.burstNanos = burstNanos;
  }

  /**
   * Charges a transfer of {@code bytes} at {@code nowNanos}.
   *
   * @return how long to wait before sending it, in nanoseconds (0: send now)
   */
  synchronized long charge(long bytes, long nowNanos) {
    long start = Math.max(theoreticalArrivalNanos, nowNanos);
    theoreticalArrivalNanos = start + costNanos(bytes);
    return Math.max(0, start - nowNanos - burstNanos);
  }

  private long costNanos(long bytes) {
    // Messages are at most 64 MiB, far from overflowing.
    return Math.multiplyExact(bytes, NANOS_PER_SECOND) / bytesPerSecond;
  }
}
