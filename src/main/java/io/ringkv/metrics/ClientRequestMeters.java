package io.ringkv.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ringkv.api.RequestObserver;
import java.util.concurrent.TimeUnit;

/**
 * {@code ringkv_client_requests_seconds{api, op, outcome}}: the latency of every client request,
 * as a histogram, so that tail percentiles come from Prometheus over any window and any set of
 * nodes (percentiles computed in the node could not be aggregated).
 */
final class ClientRequestMeters implements RequestObserver {

  static final String NAME = "ringkv.client.requests";

  static final BoundedLabel API = new BoundedLabel("api", "http", "grpc");
  static final BoundedLabel OP = new BoundedLabel("op", "get", "put", "delete");
  static final BoundedLabel OUTCOME =
      new BoundedLabel(
          "outcome", "ok", "not_found", "bad_request", "too_large", "unavailable", "error");

  private final Meter.MeterProvider<Timer> timers;

  ClientRequestMeters(MeterRegistry registry) {
    timers =
        LatencyHistogram.timer(NAME, "Client requests by API, operation and outcome")
            .withRegistry(registry);
  }

  @Override
  public void completed(String api, String op, String outcome, long nanos) {
    timers
        .withTags(
            API.name(), API.valueOf(api),
            OP.name(), OP.valueOf(op),
            OUTCOME.name(), OUTCOME.valueOf(outcome))
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
