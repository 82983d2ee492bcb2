package io.ringkv.api.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * How the HTTP API is configured.
 *
 * @param maxValueBytes the largest request body a PUT may carry; larger ones get 413 {@code
 *     value_too_large} before the body is buffered
 * @param metricsHandler serves {@code GET /metrics} (Prometheus text); null answers 404 JSON
 */
public record HttpApiOptions(int maxValueBytes, Handler<RoutingContext> metricsHandler) {

  /** DESIGN.md Part B: values are limited to 1 MiB unless configured otherwise. */
  public static final int DEFAULT_MAX_VALUE_BYTES = 1 << 20;

  public HttpApiOptions {
    if (maxValueBytes < 1) {
      throw new IllegalArgumentException("maxValueBytes must be positive, got " + maxValueBytes);
    }
  }

  /** 1 MiB values, no metrics endpoint. */
  public static HttpApiOptions defaults() {
    return new HttpApiOptions(DEFAULT_MAX_VALUE_BYTES, null);
  }

  public HttpApiOptions withMaxValueBytes(int maxValueBytes) {
    return new HttpApiOptions(maxValueBytes, metricsHandler);
  }

  public HttpApiOptions withMetricsHandler(Handler<RoutingContext> metricsHandler) {
    return new HttpApiOptions(maxValueBytes, metricsHandler);
  }
}
