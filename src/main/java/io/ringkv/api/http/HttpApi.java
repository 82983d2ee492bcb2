package io.ringkv.api.http;

import io.ringkv.api.AdminView;
import io.ringkv.cluster.BucketRegistry;
import io.ringkv.replication.Coordinator;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * ringkv's HTTP API (DESIGN.md Part B) as a Vert.x Web {@link Router}: a thin shell that parses
 * requests, calls the node's ports and maps their answers and errors to HTTP.
 *
 * <pre>
 * PUT|GET|DELETE /buckets/{b}/keys/{k}     PUT|GET /buckets/{b}/props
 * PUT|GET|DELETE /kv/{k}                   GET /ping, /health/live, /health/ready, /metrics
 * GET /admin/members|ring|hints|anti-entropy
 * GET /admin/preference-list?bucket=&amp;key=   GET /admin/local/{b}/{k}
 * POST /admin/join {"seed": "host:peerPort"}, POST /admin/leave
 * GET /console (the web console), GET /console/local/{nodeId}/{b}/{k} (its relay)
 * </pre>
 *
 * <p>Every error, including those Vert.x would answer in plain text (no route, wrong method,
 * malformed path, body too large), is JSON {@code {"error": "code", "message": "…"}}. Instances
 * hold no per-request state: one may build the routers of many verticles.
 */
public final class HttpApi {

  private final Coordinator coordinator;
  private final BucketRegistry buckets;
  private final AdminView admin;
  private final HttpApiOptions options;

  public HttpApi(
      Coordinator coordinator, BucketRegistry buckets, AdminView admin, HttpApiOptions options) {
    this.coordinator = coordinator;
    this.buckets = buckets;
    this.admin = admin;
    this.options = options;
  }

  /** A new router for one HTTP server (Vert.x routers belong to one server's verticle). */
  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    FailureReply failures = new FailureReply(options.maxValueBytes());
    router.route().failureHandler(failures);
    for (int status : FailureReply.ROUTER_STATUSES) {
      router.errorHandler(status, failures.forStatus(status));
    }
    OpaqueBody body = new OpaqueBody(options.maxValueBytes());
    new ObservedRequests(options.requestObserver()).mount(router);
    new EmptyBucketPaths().mount(router);
    new KeyValueRoutes(coordinator, body).mount(router);
    new BucketPropsRoutes(buckets, body).mount(router);
    new HealthRoutes(admin, options.metricsHandler()).mount(router);
    new AdminRoutes(admin, body).mount(router);
    ConsoleRoutes.mount(router, vertx, admin);
    return router;
  }
}
