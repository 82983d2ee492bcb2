package io.ringkv.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopLagProbeTest {

  private final NodeMetrics metrics = new NodeMetrics("n1");
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    metrics.close();
  }

  private double lag(String series) {
    return PrometheusText.parse(metrics.scrape()).value("ringkv_event_loop_lag_seconds_" + series);
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void probesEveryEventLoopAboutTenTimesASecond() throws Exception {
    metrics.watchEventLoops(vertx, 2).await(10, TimeUnit.SECONDS);

    eventually("two loops × 5 firings", () -> lag("count") >= 10);
    assertThat(vertx.deploymentIDs()).hasSize(1);
  }

  @Test
  void aBusyEventLoopShowsAsLag() throws Exception {
    metrics.watchEventLoops(vertx, 2).await(10, TimeUnit.SECONDS);
    eventually("a first firing", () -> lag("count") >= 2);

    // Keep an event loop busy for 400 ms, as a handler doing blocking work would.
    vertx.runOnContext(ignored -> busyFor(Duration.ofMillis(400)));

    eventually("a firing delayed by the busy loop", () -> lag("max") >= 0.2);
  }

  /** Spins without sleeping, so the loop is really occupied. */
  private static void busyFor(Duration duration) {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
