package io.ringkv.cli.bench;

/**
 * The open loop's fixed timetable for one lane. Request {@code k} of the whole run is intended to
 * start at {@code start + k / rate}; lane {@code j} of {@code L} owns {@code k = i * L + j}, so the
 * lanes together keep the exact rate and spacing.
 */
final class Schedule {

  private final long startNanos;
  private final double nanosPerRequest;
  private final int lane;
  private final int lanes;

  Schedule(long startNanos, double ratePerSecond, int lane, int lanes) {
    this.startNanos = startNanos;
    this.nanosPerRequest = 1e9 / ratePerSecond;
    this.lane = lane;
    this.lanes = lanes;
  }

  /** When this lane's {@code i}-th request is intended to start. */
  long intendedStart(long i) {
    return startNanos + (long) ((i * (double) lanes + lane) * nanosPerRequest);
  }

  /** How many of this lane's requests are due by {@code nowNanos}. */
  long dueBy(long nowNanos) {
    double slots = (nowNanos - startNanos) / nanosPerRequest;
    long due = Math.max(0, (long) Math.floor((slots - lane) / lanes) + 1);
    // The estimate can be off by one either way where the timetable rounds to whole nanoseconds.
    while (due > 0 && intendedStart(due - 1) > nowNanos) {
      due--;
    }
    while (intendedStart(due) <= nowNanos) {
      due++;
    }
    return due;
  }
}
