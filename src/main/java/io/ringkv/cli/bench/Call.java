package io.ringkv.cli.bench;

/**
 * One request in flight, with its two clocks: the intended start (when the schedule wanted it to
 * start) and the moment it actually got a connection and was sent.
 */
public final class Call {

  private final Operation operation;
  private final int key;
  private final long intendedStartNanos;
  private final boolean measured;
  private long sentNanos;

  Call(Operation operation, int key, long intendedStartNanos, boolean measured) {
    this.operation = operation;
    this.key = key;
    this.intendedStartNanos = intendedStartNanos;
    this.measured = measured;
    this.sentNanos = intendedStartNanos;
  }

  public Operation operation() {
    return operation;
  }

  /** The key's name on the wire: {@code key-<index>}. */
  public String keyName() {
    return "key-" + key;
  }

  public long intendedStartNanos() {
    return intendedStartNanos;
  }

  public long sentNanos() {
    return sentNanos;
  }

  /** Whether the request counts in the report (it started after warmup). */
  public boolean measured() {
    return measured;
  }

  /** Called by the driver when the request leaves, i.e. after it waited for a connection. */
  public void markSent() {
    sentNanos = System.nanoTime();
  }
}
