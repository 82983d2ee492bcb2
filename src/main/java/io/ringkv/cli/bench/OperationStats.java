package io.ringkv.cli.bench;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Counts and latency histograms of one operation. Two histograms: {@code latency} from the intended
 * start (the truth a user sees, coordinated-omission-corrected) and {@code serviceTime} from the
 * actual send (what a naive tool reports; kept to show the difference). Values are microseconds;
 * only successful requests are timed.
 */
public final class OperationStats {

  private static final int SIGNIFICANT_DIGITS = 3;

  private final Histogram latency = new Histogram(SIGNIFICANT_DIGITS);
  private final Histogram serviceTime = new Histogram(SIGNIFICANT_DIGITS);
  private final Map<String, Long> errorsByKind = new TreeMap<>();
  private long succeeded;
  private long notFound;
  private long errors;

  void record(Call call, Outcome outcome, long completedNanos) {
    switch (outcome.kind()) {
      case ERROR -> {
        errors++;
        errorsByKind.merge(outcome.errorKind(), 1L, Long::sum);
      }
      case NOT_FOUND, SUCCESS -> {
        succeeded++;
        if (outcome.kind() == Outcome.Kind.NOT_FOUND) {
          notFound++;
        }
        latency.recordValue(micros(completedNanos - call.intendedStartNanos()));
        serviceTime.recordValue(micros(completedNanos - call.sentNanos()));
      }
    }
  }

  /** Adds another lane's figures into these. */
  void add(OperationStats other) {
    latency.add(other.latency);
    serviceTime.add(other.serviceTime);
    other.errorsByKind.forEach((kind, count) -> errorsByKind.merge(kind, count, Long::sum));
    succeeded += other.succeeded;
    notFound += other.notFound;
    errors += other.errors;
  }

  /** Completed requests: successes plus errors. */
  public long count() {
    return succeeded + errors;
  }

  /** Successful requests, "not found" reads included. */
  public long succeeded() {
    return succeeded;
  }

  public long notFound() {
    return notFound;
  }

  public long errors() {
    return errors;
  }

  /** Error counts by kind, such as {@code HTTP 500} or {@code gRPC UNAVAILABLE}. */
  public Map<String, Long> errorsByKind() {
    return Map.copyOf(errorsByKind);
  }

  /** Latency from the intended start, in milliseconds, at a percentile in [0, 100]. */
  public double latencyMillis(double percentile) {
    return millis(latency, percentile);
  }

  /** Time from actual send to completion, in milliseconds: the naive, omission-prone measure. */
  public double serviceTimeMillis(double percentile) {
    return millis(serviceTime, percentile);
  }

  public double maxLatencyMillis() {
    return latency.getTotalCount() == 0 ? 0.0 : latency.getMaxValue() / 1000.0;
  }

  public double maxServiceTimeMillis() {
    return serviceTime.getTotalCount() == 0 ? 0.0 : serviceTime.getMaxValue() / 1000.0;
  }

  public double meanLatencyMillis() {
    return latency.getTotalCount() == 0 ? 0.0 : latency.getMean() / 1000.0;
  }

  private static double millis(Histogram histogram, double percentile) {
    return histogram.getTotalCount() == 0 ? 0.0 : histogram.getValueAtPercentile(percentile) / 1000.0;
  }

  private static long micros(long nanos) {
    return Math.max(0, nanos / 1000);
  }
}
