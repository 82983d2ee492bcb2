package io.ringkv.cli.bench;

/**
 * The clock of one phase, shared by all lanes ({@link System#nanoTime()} values): it starts at
 * {@code startNanos}; requests starting from {@code measureFromNanos} (after warmup) are recorded;
 * none start at or after {@code measureUntilNanos} ({@link Long#MAX_VALUE} without a time bound).
 */
record RunWindow(long startNanos, long measureFromNanos, long measureUntilNanos) {

  static RunWindow startingAt(long startNanos, BenchConfig config) {
    long measureFrom = startNanos + config.warmup().toNanos();
    long measureUntil = config.duration() == null ? Long.MAX_VALUE : measureFrom + config.duration().toNanos();
    return new RunWindow(startNanos, measureFrom, measureUntil);
  }

  boolean isMeasured(long startNanos) {
    return startNanos >= measureFromNanos;
  }

  boolean isOver(long nanos) {
    return nanos >= measureUntilNanos;
  }
}
