package io.ringkv.api.http;

import io.ringkv.api.RequestObserver;
import io.ringkv.api.RequestOutcome;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Reports every key request (GET, PUT, DELETE) to the {@link RequestObserver} once its answer is
 * sent, whatever answered it: the key routes, the body limit (413) or the failure handler. Mounted
 * before the key routes.
 */
final class ObservedRequests implements Handler<RoutingContext> {

  private final RequestObserver observer;

  ObservedRequests(RequestObserver observer) {
    this.observer = observer;
  }

  void mount(Router router) {
    for (String path : List.of(ObjectAddress.BUCKET_KEY_PATH, ObjectAddress.DEFAULT_BUCKET_KEY_PATH)) {
      router
          .routeWithRegex(path)
          .method(HttpMethod.GET)
          .method(HttpMethod.PUT)
          .method(HttpMethod.DELETE)
          .handler(this);
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    String op = op(ctx.request().method());
    ctx.addEndHandler(
        ended ->
            observer.completed(
                "http",
                op,
                RequestOutcome.ofHttpStatus(ctx.response().getStatusCode()),
                System.nanoTime() - started));
    ctx.next();
  }

  private static String op(HttpMethod method) {
    if (method == HttpMethod.PUT) {
      return "put";
    }
    return method == HttpMethod.DELETE ? "delete" : "get";
  }
}
