package io.ringkv.metrics;

import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.concurrent.TimeUnit;

/**
 * Measures how late a timer fires on this verticle's event loop: a loop busy with long handlers
 * (or blocked) delays every task queued behind them, the timer's included. Deployed once per
 * event loop (Vert.x hands each instance of a deployment the next loop), it costs one timer task
 * per interval per loop.
 *
 * <p>A one-shot timer re-armed after each firing, rather than a periodic one: after a stall a
 * periodic timer would fire its missed runs in a burst and report them as barely late.
 */
final class EventLoopLagProbe extends VerticleBase {

  private final Timer lag;
  private final long intervalMillis;
  private long expectedNanos;
  private long timerId;

  EventLoopLagProbe(Timer lag, long intervalMillis) {
    this.lag = lag;
    this.intervalMillis = intervalMillis;
  }

  @Override
  public Future<?> start() {
    arm();
    return Future.succeededFuture();
  }

  private void arm() {
    expectedNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    timerId = vertx.setTimer(intervalMillis, id -> fired());
  }

  private void fired() {
    lag.record(Math.max(0, System.nanoTime() - expectedNanos), TimeUnit.NANOSECONDS);
    arm();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timerId);
    return Future.succeededFuture();
  }
}
