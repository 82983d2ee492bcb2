package io.ringkv.integration;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Waits for a condition with a deadline instead of sleeping a fixed time. */
final class Eventually {

  private static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(15);

  private Eventually() {}

  /** Calls {@code probe} until its result satisfies {@code done}; fails with the last result. */
  static <T> T get(Callable<T> probe, Predicate<T> done) throws Exception {
    return get(probe, done, DEFAULT_DEADLINE);
  }

  static <T> T get(Callable<T> probe, Predicate<T> done, Duration deadline) throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    T last = probe.call();
    while (!done.test(last)) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within " + deadline + "; last value: " + last);
      }
      Thread.sleep(50);
      last = probe.call();
    }
    return last;
  }
}
