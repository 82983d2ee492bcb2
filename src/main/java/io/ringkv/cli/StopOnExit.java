package io.ringkv.cli;

import io.vertx.core.Future;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Stops what {@code node} or {@code local} started when the JVM is asked to exit (Ctrl-C, SIGTERM),
 * also while it is still starting: the hook is in place before anything opens a store, and the
 * stop it runs waits for what is still starting, so every store closes cleanly and the next start
 * needs no recovery.
 */
final class StopOnExit {

  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile boolean exiting;

  private StopOnExit() {}

  /**
   * @param stop stops everything started so far, once what is still starting has started (or
   *     failed to)
   */
  static StopOnExit register(Supplier<Future<Void>> stop) {
    StopOnExit exit = new StopOnExit();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> exit.stop(stop), "ringkv-shutdown"));
    return exit;
  }

  private void stop(Supplier<Future<Void>> stop) {
    exiting = true;
    try {
      stop.get().toCompletionStage().toCompletableFuture().join();
    } catch (CompletionException e) {
      System.err.println("ringkv: stopping failed: " + e.getCause());
    } finally {
      ended.countDown();
    }
  }

  /**
   * What {@code starting} started. When the JVM began to exit meanwhile, the hook's stop makes the
   * start fail: that is no error to report, so this waits for the JVM to halt instead.
   */
  <T> T started(Future<T> starting) throws ExecutionException, InterruptedException {
    try {
      return starting.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException failed) {
      if (exiting) {
        Thread.currentThread().join(); // never returns: the JVM halts once the hook is done
      }
      throw failed;
    }
  }

  /** Lets {@link #awaitEnd} return when this completes too (a node that left stops by itself). */
  void endWhen(Future<?> ended) {
    ended.onComplete(done -> this.ended.countDown());
  }

  /** Blocks until the hook has stopped everything, or {@link #endWhen} said it ended. */
  void awaitEnd() throws InterruptedException {
    ended.await();
  }
}
