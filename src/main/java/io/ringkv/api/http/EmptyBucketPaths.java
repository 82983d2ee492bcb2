package io.ringkv.api.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Refuses a path whose bucket segment is empty ({@code /buckets//keys/k}, {@code /buckets//props},
 * {@code /admin/local//k}) with 400 {@code bad_bucket}, as the contract wants for a bad bucket.
 *
 * <p>The routes cannot see such a path: Vert.x matches them against the normalized path, in which
 * {@code //} collapses to {@code /}, so it would reach no route and answer 404. This handler looks
 * at the path as sent, before any route.
 */
final class EmptyBucketPaths implements Handler<RoutingContext> {

  /** Where a path's next segment is a bucket name. */
  private static final List<String> BEFORE_BUCKET = List.of("/buckets/", "/admin/local/");

  void mount(Router router) {
    router.route().handler(this);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    for (String prefix : BEFORE_BUCKET) {
      if (path != null && path.startsWith(prefix) && path.startsWith("/", prefix.length())) {
        PathNames.bucket("", false); // throws bad_bucket, in the words of every other empty name
      }
    }
    ctx.next();
  }
}
