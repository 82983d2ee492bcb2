package io.ringkv.replication;

import java.util.OptionalInt;

/**
 * A request the coordinator refused or could not complete, with a reason a client can act on.
 * The APIs map {@link #error()} to an HTTP status or a gRPC status code.
 */
public class RequestException extends RuntimeException {

  private final RequestError error;

  public RequestException(RequestError error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  public RequestError error() {
    return error;
  }

  /** For {@link RequestError#QUORUM_NOT_REACHED}: how many replicas answered in time. */
  public OptionalInt answered() {
    return OptionalInt.empty();
  }

  /** For {@link RequestError#QUORUM_NOT_REACHED}: how many were required. */
  public OptionalInt required() {
    return OptionalInt.empty();
  }
}
