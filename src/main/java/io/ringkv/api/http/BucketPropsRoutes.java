package io.ringkv.api.http;

import io.ringkv.cluster.BucketProps;
import io.ringkv.cluster.BucketRegistry;
import io.ringkv.replication.RequestError;
import io.ringkv.replication.RequestException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET} and {@code PUT /buckets/{b}/props}: a bucket's n, r, w and conflict mode. */
final class BucketPropsRoutes {

  private static final String PATH = "/buckets/[^/]*/props";

  private final BucketRegistry buckets;
  private final Handler<RoutingContext> jsonBody;

  BucketPropsRoutes(BucketRegistry buckets, Handler<RoutingContext> jsonBody) {
    this.buckets = buckets;
    this.jsonBody = jsonBody;
  }

  void mount(Router router) {
    router.getWithRegex(PATH).handler(this::getProps);
    router.putWithRegex(PATH).handler(jsonBody).handler(this::putProps);
  }

  private void getProps(RoutingContext ctx) {
    String bucket = bucketOf(ctx);
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(BucketPropsJson.toJson(buckets.props(bucket)).encode());
  }

  private void putProps(RoutingContext ctx) {
    String bucket = bucketOf(ctx);
    BucketProps.Patch patch = BucketPropsJson.parsePatch(OpaqueBody.of(ctx));
    Future<BucketProps> updated =
        buckets
            .update(bucket, patch)
            .recover(
                failure ->
                    Future.failedFuture(
                        failure instanceof IllegalArgumentException
                            ? new RequestException(RequestError.BAD_REQUEST, failure.getMessage())
                            : failure));
    Answer.when(updated, ctx, props -> ctx.response().setStatusCode(204).end());
  }

  private static String bucketOf(RoutingContext ctx) {
    return PathNames.bucket(ctx.normalizedPath().split("/", -1)[2], false);
  }
}
