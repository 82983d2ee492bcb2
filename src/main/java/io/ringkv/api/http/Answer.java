package io.ringkv.api.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * Answers a request once a port's future completes. A failure goes to the router's failure handler,
 * and so does an exception thrown while writing the answer: a callback's exception would otherwise
 * escape the router and leave the request hanging.
 */
final class Answer {

  private Answer() {}

  static <T> void when(Future<T> outcome, RoutingContext ctx, Consumer<T> reply) {
    outcome.onComplete(
        completed -> {
          if (completed.failed()) {
            ctx.fail(completed.cause());
            return;
          }
          try {
            reply.accept(completed.result());
          } catch (RuntimeException e) {
            ctx.fail(e);
          }
        });
  }
}
