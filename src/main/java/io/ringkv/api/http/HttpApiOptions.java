package io.ringkv.api.http;

import io.ringkv.api.RequestObserver;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * How the HTTP API is configured.
 *
 * @param maxValueBytes the largest request body a PUT may carry; larger ones get 413 {@code
 *     value_too_large} before the body is buffered
 * @param metricsHandler serves {@code GET /metrics} (Prometheus text); null answers 404 JSON
 * @param requestObserver told of every key request once answered (for metrics)
 */
public record HttpApiOptions(
    int maxValueBytes, Handler<RoutingContext> metricsHandler, RequestObserver requestObserver) {

  /** DESIGN.md Part B: values are limited to 1 MiB unless configured otherwise. */
  public static final int DEFAULT_MAX_VALUE_BYTES = 1 << 20;

  public HttpApiOptions {
    if (maxValueBytes < 1) {
      throw new IllegalArgumentException("maxValueBytes must be positive, got " + maxValueBytes);
    }
    if (requestObserver == null) {
      throw new IllegalArgumentException("requestObserver is required; RequestObserver.NONE ignores requests");
    }
  }

  /** 1 MiB values, no metrics endpoint, requests observed by nobody. */
  public static HttpApiOptions defaults() {
    return new HttpApiOptions(DEFAULT_MAX_VALUE_BYTES, null, RequestObserver.NONE);
  }

  public HttpApiOptions withMaxValueBytes(int maxValueBytes) {
    return new HttpApiOptions(maxValueBytes, metricsHandler, requestObserver);
  }

  public HttpApiOptions withMetricsHandler(Handler<RoutingContext> metricsHandler) {
    return new HttpApiOptions(maxValueBytes, metricsHandler, requestObserver);
  }

  public HttpApiOptions withRequestObserver(RequestObserver requestObserver) {
    return new HttpApiOptions(maxValueBytes, metricsHandler, requestObserver);
  }
}
