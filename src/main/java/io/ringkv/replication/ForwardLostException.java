package io.ringkv.replication;

import java.util.OptionalInt;

/**
 * A write forwarded to a coordinator got no answer: the coordinator was unreachable, or failed
 * before replying. The write may or may not have been applied there.
 */
public final class ForwardLostException extends RequestException {

  public ForwardLostException(String nodeId, Throwable cause) {
    super(
        RequestError.QUORUM_NOT_REACHED,
        "write (forwarded to " + nodeId + " and lost: " + cause.getMessage() + ")");
  }

  @Override
  public OptionalInt answered() {
    return OptionalInt.of(0);
  }

  @Override
  public OptionalInt required() {
    return OptionalInt.of(1);
  }
}
