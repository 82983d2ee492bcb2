package io.ringkv.metrics;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The bucket layout every ringkv latency shares, so that Prometheus's {@code histogram_quantile}
 * gives p50, p99 and p99.9 of any of them, and dashboards can compare them.
 *
 * <p>Micrometer's percentile histogram contributes its fixed, roughly exponential buckets between
 * the expected minimum and maximum; the service-level objectives add round boundaries that
 * alerts and SLO panels can name exactly (a {@code le="0.01"} bucket is "answered within 10 ms").
 */
final class LatencyHistogram {

  /** The SLO boundaries, also exported as histogram buckets. */
  static final Duration[] SLO_BOUNDARIES = {
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
  };

  /** Below this nothing is distinguished: an in-memory request on loopback is about this fast. */
  static final Duration MINIMUM_EXPECTED = Duration.ofNanos(100_000);

  /** Above this everything lands in +Inf: requests time out well before. */
  static final Duration MAXIMUM_EXPECTED = Duration.ofSeconds(10);

  private LatencyHistogram() {}

  /** A timer builder with ringkv's latency buckets. */
  static Timer.Builder timer(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .publishPercentileHistogram()
        .serviceLevelObjectives(SLO_BOUNDARIES)
        .minimumExpectedValue(MINIMUM_EXPECTED)
        .maximumExpectedValue(MAXIMUM_EXPECTED);
  }
}
