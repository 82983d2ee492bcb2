package io.ringkv.cluster;

/**
 * The recent intervals between heartbeat arrivals from one node, and the suspicion level phi they
 * imply (Hayashibara et al., "The φ Accrual Failure Detector", 2004): phi is -log10 of the
 * probability that a heartbeat arrives later than now, with intervals taken as normally
 * distributed. phi 8 means a one-in-10^8 chance that the node is merely late.
 *
 * <p>As in Akka's detector, a floor under the standard deviation keeps very regular heartbeats from
 * making phi jump at the first small delay, and an acceptable pause is added to the mean, since a
 * heartbeat travels through one or more gossip rounds, not straight from the node. Not
 * thread-safe; times are in milliseconds of any monotonic clock.
 */
final class ArrivalWindow {

  private final long[] intervals;
  private final double minStdDevMillis;
  private final double acceptablePauseMillis;
  private int count;
  private int next;
  private double sum;
  private double sumOfSquares;
  private long lastArrival;

  /**
   * @param capacity how many recent intervals to keep
   * @param expectedIntervalMillis the first estimate of the interval, before any is measured
   * @param minStdDevMillis the floor under the standard deviation
   * @param acceptablePauseMillis added to the mean interval
   */
  ArrivalWindow(
      int capacity, long expectedIntervalMillis, double minStdDevMillis, double acceptablePauseMillis, long now) {
    this.intervals = new long[capacity];
    this.minStdDevMillis = minStdDevMillis;
    this.acceptablePauseMillis = acceptablePauseMillis;
    this.lastArrival = now;
    // Two samples around the expected interval, so the first estimate has a mean and a spread.
    add(expectedIntervalMillis - expectedIntervalMillis / 4);
    add(expectedIntervalMillis + expectedIntervalMillis / 4);
  }

  void arrived(long now) {
    long interval = now - lastArrival;
    lastArrival = now;
    if (interval > 0) {
      add(interval);
    }
  }

  private void add(long interval) {
    if (count == intervals.length) {
      long dropped = intervals[next];
      sum -= dropped;
      sumOfSquares -= (double) dropped * dropped;
    } else {
      count++;
    }
    intervals[next] = interval;
    next = (next + 1) % intervals.length;
    sum += interval;
    sumOfSquares += (double) interval * interval;
  }

  long lastArrival() {
    return lastArrival;
  }

  /** The suspicion level now: near 0 right after an arrival, growing while none comes. */
  double phi(long now) {
    double mean = sum / count;
    double variance = Math.max(0, sumOfSquares / count - mean * mean);
    double stdDev = Math.max(Math.sqrt(variance), minStdDevMillis);
    return phi(now - lastArrival, mean + acceptablePauseMillis, stdDev);
  }

  /** -log10(1 - F(elapsed)) for the normal distribution, with the logistic approximation of F. */
  static double phi(double elapsed, double mean, double stdDev) {
    double y = (elapsed - mean) / stdDev;
    double e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
    if (elapsed > mean) {
      return -Math.log10(e / (1.0 + e));
    }
    return -Math.log10(1.0 - 1.0 / (1.0 + e));
  }
}
