package io.ringkv.cli.bench;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;

/** Waits, on a test thread, for a future with a deadline. */
final class Await {

  private Await() {}

  static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
