package io.ringkv.cli.bench;

import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Open loop: requests start on a fixed timetable whatever the target does, and latency runs from
 * the intended start. When the target stalls, requests keep being sent (or queue for a
 * connection) and their wait counts, which is what avoids coordinated omission. Only the
 * outstanding cap stops a request from being sent; such drops are counted and reported.
 */
final class OpenLoopLane extends LoadLane {

  /** Requests sent per event-loop turn when catching up, so the loop stays responsive. */
  private static final int MAX_BURST = 1024;

  private final long quota;
  private final int maxOutstanding;
  private final AtomicBoolean tickQueued = new AtomicBoolean();
  private Schedule schedule;
  private Pacer pacer;
  private long scheduled;
  private long measuredScheduled;
  private boolean exhausted;

  OpenLoopLane(BenchConfig config, int lane, int lanes) {
    super(config, lane, lanes);
    this.quota = config.requests() > 0 ? share(config.requests()) : Long.MAX_VALUE;
    this.maxOutstanding = (int) Math.max(1, share(config.maxOutstanding()));
  }

  @Override
  protected void begin() {
    schedule = new Schedule(window.startNanos(), config.rate(), lane, lanes);
    pacer = new Pacer("ringkv-bench-pacer-" + lane, schedule, this::queueTick);
    pacer.start();
  }

  /** On the pacer's thread: ask the event loop to send what is due, unless it is already asked. */
  private void queueTick() {
    if (tickQueued.compareAndSet(false, true)) {
      context.runOnContext(ignored -> tick());
    }
  }

  private void tick() {
    tickQueued.set(false);
    long due = schedule.dueBy(System.nanoTime());
    for (int burst = 0; burst < MAX_BURST && scheduled < due && !exhausted; burst++) {
      scheduleNext();
    }
    if (exhausted) {
      pacer.stop();
      finishWhenIdle();
    } else if (scheduled < due) {
      context.runOnContext(ignored -> tick());
    }
  }

  private void scheduleNext() {
    long intendedStart = schedule.intendedStart(scheduled);
    if (window.isOver(intendedStart) || measuredScheduled >= quota) {
      exhausted = true;
      return;
    }
    scheduled++;
    boolean measured = window.isMeasured(intendedStart);
    if (measured) {
      measuredScheduled++;
    }
    if (outstanding >= maxOutstanding) {
      if (measured) {
        recordDropped();
      }
      return;
    }
    send(intendedStart, measured);
  }

  @Override
  public Future<?> stop() {
    if (pacer != null) {
      pacer.stop();
    }
    return super.stop();
  }

  @Override
  protected void afterCompletion(boolean failed) {
    if (exhausted) {
      finishWhenIdle();
    }
  }

  private void finishWhenIdle() {
    if (outstanding == 0) {
      finish();
    }
  }
}
