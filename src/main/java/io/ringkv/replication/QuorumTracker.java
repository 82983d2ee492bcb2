package io.ringkv.replication;

/**
 * Counts the answers of one quorum round: it is reached at {@code required} successes and
 * becomes impossible once too many replicas failed for the rest to make up the difference.
 * Not thread-safe: an operation confines it to its own lock.
 */
final class QuorumTracker {

  private final int required;
  private final int total;
  private int successes;
  private int failures;

  QuorumTracker(int required, int total) {
    this.required = required;
    this.total = total;
  }

  void success() {
    successes++;
  }

  void failure() {
    failures++;
  }

  boolean reached() {
    return successes >= required;
  }

  boolean impossible() {
    return total - failures < required;
  }

  boolean allAnswered() {
    return successes + failures >= total;
  }

  int successes() {
    return successes;
  }

  int required() {
    return required;
  }
}
