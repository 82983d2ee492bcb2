package io.ringkv.replication;

import java.util.OptionalInt;

/**
 * Fewer than R (or W, or PW) replicas answered in time, or fewer were up to ask: the client may
 * retry. {@link #answered()} is how many did answer, or for a request refused before any replica
 * was asked, how many are up.
 */
public final class QuorumNotReachedException extends RequestException {

  private final int answered;
  private final int required;

  private QuorumNotReachedException(String message, int answered, int required) {
    super(RequestError.QUORUM_NOT_REACHED, message);
    this.answered = answered;
    this.required = required;
  }

  /** The replicas were asked and too few answered before they failed or the deadline passed. */
  public static QuorumNotReachedException afterAsking(String what, int answered, int required) {
    return new QuorumNotReachedException(
        what + ": " + answered + " of the " + required + " required replicas answered in time", answered, required);
  }

  /** Refused before asking: the failure detector sees fewer than the required replicas up. */
  public static QuorumNotReachedException beforeAsking(String what, int up, int required) {
    return new QuorumNotReachedException(
        what + ": only " + up + " of the " + required + " required replicas " + (up == 1 ? "is" : "are") + " up",
        up,
        required);
  }

  /** As another node reported it (a forwarded write), its message kept. */
  public static QuorumNotReachedException relayed(String message, int answered, int required) {
    return new QuorumNotReachedException(message, answered, required);
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
