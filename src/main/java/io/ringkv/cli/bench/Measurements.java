package io.ringkv.cli.bench;

import java.util.EnumMap;
import java.util.Map;

/** What one lane (or, merged, the whole run) measured. Confined to one event loop while running. */
public final class Measurements {

  private final Map<Operation, OperationStats> byOperation = new EnumMap<>(Operation.class);
  private long dropped;
  private long lastCompletionNanos = Long.MIN_VALUE;

  Measurements() {
    for (Operation operation : Operation.values()) {
      byOperation.put(operation, new OperationStats());
    }
  }

  void record(Call call, Outcome outcome, long completedNanos) {
    byOperation.get(call.operation()).record(call, outcome, completedNanos);
    lastCompletionNanos = Math.max(lastCompletionNanos, completedNanos);
  }

  /** A scheduled request was not sent because too many were in flight. */
  void recordDropped() {
    dropped++;
  }

  /** Adds another lane's measurements into these. */
  void add(Measurements other) {
    byOperation.forEach((operation, stats) -> stats.add(other.byOperation.get(operation)));
    dropped += other.dropped;
    lastCompletionNanos = Math.max(lastCompletionNanos, other.lastCompletionNanos);
  }

  public OperationStats stats(Operation operation) {
    return byOperation.get(operation);
  }

  /** All operations together. */
  public OperationStats total() {
    OperationStats total = new OperationStats();
    byOperation.values().forEach(total::add);
    return total;
  }

  /** Open loop: scheduled requests never sent because {@code --max-outstanding} were in flight. */
  public long dropped() {
    return dropped;
  }

  /** When the last measured request completed, or {@link Long#MIN_VALUE} if none did. */
  long lastCompletionNanos() {
    return lastCompletionNanos;
  }
}
