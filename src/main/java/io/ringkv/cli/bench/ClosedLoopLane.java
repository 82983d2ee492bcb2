package io.ringkv.cli.bench;

import java.util.concurrent.TimeUnit;

/**
 * Closed loop: a fixed number of workers, each sending its next request when its previous one
 * completed, so at most that many requests are ever in flight. Latency runs from the send.
 */
final class ClosedLoopLane extends LoadLane {

  private final long quota;
  private final int workers;
  private int activeWorkers;
  private long measuredSent;

  ClosedLoopLane(BenchConfig config, int lane, int lanes) {
    super(config, lane, lanes);
    this.quota = config.requests() > 0 ? share(config.requests()) : Long.MAX_VALUE;
    this.workers = (int) share(config.concurrency());
  }

  @Override
  protected void begin() {
    // Start with the timetable shared by all lanes, not before: the window's clock starts then.
    long untilStart = window.startNanos() - System.nanoTime();
    if (untilStart > 0) {
      vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(untilStart + 999_999)), id -> startWorkers());
    } else {
      startWorkers();
    }
  }

  private void startWorkers() {
    activeWorkers = workers;
    for (int i = 0; i < workers; i++) {
      nextRequest();
    }
  }

  @Override
  protected void afterCompletion(boolean failed) {
    if (failed) {
      // A failure may complete synchronously: hop through the event loop to keep the stack flat.
      context.runOnContext(ignored -> nextRequest());
    } else {
      nextRequest();
    }
  }

  /** The worker whose request just completed (or who just started) sends again, or retires. */
  private void nextRequest() {
    long now = System.nanoTime();
    if (window.isOver(now) || measuredSent >= quota) {
      activeWorkers--;
      if (activeWorkers == 0) {
        finish();
      }
      return;
    }
    boolean measured = window.isMeasured(now);
    if (measured) {
      measuredSent++;
    }
    send(now, measured);
  }
}
