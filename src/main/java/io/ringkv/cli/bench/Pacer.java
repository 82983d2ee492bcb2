package io.ringkv.cli.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Wakes an open-loop lane when its next request is due. Vert.x timers tick in whole milliseconds
 * (and the NIO event loop sleeps in whole milliseconds), which would start every request up to a
 * millisecond late and add that to every sub-millisecond latency. This thread parks to the
 * nanosecond deadline instead (tens of microseconds late on Linux) and hands the work to the
 * lane's event loop, which then sends everything that is due.
 */
final class Pacer {

  private final Thread thread;
  private final Schedule schedule;
  private final Runnable wake;
  private volatile boolean stopped;

  /** {@code wake} runs on this thread and must only post work to the lane's event loop. */
  Pacer(String name, Schedule schedule, Runnable wake) {
    this.schedule = schedule;
    this.wake = wake;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void stop() {
    stopped = true;
    LockSupport.unpark(thread);
  }

  private void run() {
    while (!stopped) {
      long now = System.nanoTime();
      long next = schedule.intendedStart(schedule.dueBy(now));
      if (next > now) {
        LockSupport.parkNanos(next - now);
        if (System.nanoTime() < next) {
          continue; // woken early (spuriously or by stop)
        }
      }
      wake.run();
    }
  }
}
