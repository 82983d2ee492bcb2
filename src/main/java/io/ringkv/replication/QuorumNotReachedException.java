package io.ringkv.replication;

import java.util.OptionalInt;

/** Fewer than R (or W, or PW) replicas answered in time: the client may retry. */
public final class QuorumNotReachedException extends RequestException {

  private final int answered;
  private final int required;

  public QuorumNotReachedException(String what, int answered, int required) {
    super(
        RequestError.QUORUM_NOT_REACHED,
        what + ": " + answered + " of the " + required + " required replicas answered in time");
    this.answered = answered;
    this.required = required;
  }

  @Override
  public OptionalInt answered() {
    return OptionalInt.of(answered);
  }

  @Override
  public OptionalInt required() {
    return OptionalInt.of(required);
  }
}
