package io.ringkv.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BlockedThreadWatchTest {

  @Test
  @ProvokesBlockedEventLoop
  void aBlockedEventLoopIsReportedAndFailsTheWatch() throws Exception {
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setBlockedThreadCheckInterval(20)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(50)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    try (BlockedThreadWatch.Recording recording = BlockedThreadWatch.record()) {
      // Deliberately the bug the watch exists for: an event-loop task that does not return.
      vertx.runOnContext(ignored -> spinFor(Duration.ofMillis(200)));

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (recording.warnings().isEmpty() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }

      assertThat(recording.warnings())
          .isNotEmpty()
          .allMatch(warning -> warning.contains("blocked"));
      assertThatThrownBy(recording::assertNoneBlocked)
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("blocked thread");
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void aQuietVertxPassesTheWatch() {
    Vertx vertx = Vertx.vertx(BlockedThreadWatch.vertxOptions());
    try (BlockedThreadWatch.Recording recording = BlockedThreadWatch.record()) {
      vertx.runOnContext(ignored -> {});
      vertx.close().await();
      recording.assertNoneBlocked();
    }
  }

  private static void spinFor(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
  }
}
