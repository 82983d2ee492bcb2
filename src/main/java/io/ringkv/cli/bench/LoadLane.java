package io.ringkv.cli.bench;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;

/**
 * One slice of the load, confined to one event loop: its own driver (connections), key and
 * operation draws, and measurements, so lanes share nothing while running and merge at the end.
 * Lane {@code j} of {@code L} takes every {@code L}-th request and a {@code 1/L} share of the
 * concurrency, connections and outstanding cap.
 */
abstract class LoadLane extends VerticleBase {

  protected final BenchConfig config;
  protected final int lane;
  protected final int lanes;
  protected RunWindow window;
  /** Requests sent and not yet completed. */
  protected int outstanding;

  private final Measurements measurements = new Measurements();
  private final Promise<Measurements> finished = Promise.promise();
  private KvDriver driver;
  private RequestMix mix;

  LoadLane(BenchConfig config, int lane, int lanes) {
    this.config = config;
    this.lane = lane;
    this.lanes = lanes;
  }

  /** The lane for the configured mode. */
  static LoadLane create(BenchConfig config, int lane, int lanes) {
    return switch (config.mode()) {
      case OPEN -> new OpenLoopLane(config, lane, lanes);
      case CLOSED -> new ClosedLoopLane(config, lane, lanes);
    };
  }

  @Override
  public Future<?> start() {
    driver = KvDriver.create(vertx, config, (int) Math.max(1, ceilShare(config.connections())));
    mix = new RequestMix(config, lane, lanes);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return driver.close();
  }

  /** Starts the load on this lane's event loop; completes when the lane has nothing in flight. */
  final Future<Measurements> run(RunWindow window) {
    context.runOnContext(ignored -> {
      this.window = window;
      begin();
    });
    return finished.future();
  }

  /** Starts sending, on the event loop. */
  protected abstract void begin();

  /** Called on the event loop after each request completed (successfully or not). */
  protected abstract void afterCompletion(boolean failed);

  /** Sends one request now; its latency will be measured from {@code intendedStartNanos}. */
  protected final void send(long intendedStartNanos, boolean measured) {
    Call call = mix.next(intendedStartNanos, measured);
    outstanding++;
    Future<Outcome> outcome;
    try {
      outcome = driver.execute(call);
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    outcome.onComplete(result -> complete(call, result));
  }

  protected final void recordDropped() {
    measurements.recordDropped();
  }

  /** Ends the lane; call once nothing is in flight. */
  protected final void finish() {
    finished.tryComplete(measurements);
  }

  /** This lane's share of {@code total}: {@code total / L}, the remainder to the first lanes. */
  protected final long share(long total) {
    return total / lanes + (lane < total % lanes ? 1 : 0);
  }

  private long ceilShare(long total) {
    return (total + lanes - 1) / lanes;
  }

  private void complete(Call call, AsyncResult<Outcome> result) {
    outstanding--;
    if (call.measured()) {
      Outcome outcome = result.succeeded() ? result.result() : Outcome.failure(result.cause());
      measurements.record(call, outcome, System.nanoTime());
    }
    afterCompletion(result.failed());
  }
}
