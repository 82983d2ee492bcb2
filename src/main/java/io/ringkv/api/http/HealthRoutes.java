package io.ringkv.api.http;

import io.ringkv.api.AdminView;
import io.ringkv.replication.RequestError;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /ping}, {@code /health/live}, {@code /health/ready} and {@code /metrics}. */
final class HealthRoutes {

  private final AdminView admin;
  private final Handler<RoutingContext> metrics;

  /**
   * @param metrics serves Prometheus text, or null when this node exports no metrics
   */
  HealthRoutes(AdminView admin, Handler<RoutingContext> metrics) {
    this.admin = admin;
    this.metrics = metrics;
  }

  void mount(Router router) {
    router.get("/ping").handler(HealthRoutes::ok);
    router.get("/health/live").handler(HealthRoutes::ok);
    router.get("/health/ready").handler(this::ready);
    router.get("/metrics").handler(metrics != null ? metrics : HealthRoutes::noMetrics);
  }

  private void ready(RoutingContext ctx) {
    if (admin.ready()) {
      ok(ctx);
    } else {
      ErrorReply.send(
          ctx.response(), RequestError.NOT_READY, "this node has not joined a cluster yet");
    }
  }

  private static void ok(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end("OK");
  }

  private static void noMetrics(RoutingContext ctx) {
    ErrorReply.send(ctx.response(), RequestError.NOT_FOUND, "this node exports no metrics");
  }
}
