package io.ringkv.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link RequestObserver} that keeps what it was told, for API tests. */
public final class RecordingObserver implements RequestObserver {

  /** One {@link #completed} call, without its duration. */
  public record Completed(String api, String op, String outcome) {}

  private final List<Completed> completed = new CopyOnWriteArrayList<>();
  private final List<Long> nanos = new CopyOnWriteArrayList<>();

  @Override
  public void completed(String api, String op, String outcome, long nanos) {
    completed.add(new Completed(api, op, outcome));
    this.nanos.add(nanos);
  }

  /**
   * Waits (the observer is told on an event loop, after the answer is sent) until {@code count}
   * requests were reported, and returns them in order.
   */
  public List<Completed> awaitCompleted(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (completed.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return List.copyOf(completed);
  }

  public List<Long> nanos() {
    return List.copyOf(nanos);
  }
}
