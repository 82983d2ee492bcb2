package io.ringkv.cli.bench;

import io.vertx.grpc.common.GrpcStatus;

/**
 * How one request ended. A read of a never-written key is a success ("not found"): a load test
 * over a fresh cluster reads many of them.
 */
public final class Outcome {

  /** The request did what was asked. */
  public static final Outcome SUCCESS = new Outcome(Kind.SUCCESS, null);
  /** A read found no value: still a success. */
  public static final Outcome NOT_FOUND = new Outcome(Kind.NOT_FOUND, null);

  private static final int MAX_ERROR_KIND_LENGTH = 160;

  /** The three ways a request ends. */
  public enum Kind { SUCCESS, NOT_FOUND, ERROR }

  private final Kind kind;
  private final String errorKind;

  private Outcome(Kind kind, String errorKind) {
    this.kind = kind;
    this.errorKind = errorKind;
  }

  /** An error, described by a short kind such as {@code HTTP 500}; errors are counted by kind. */
  public static Outcome error(String errorKind) {
    String shortened = errorKind.length() > MAX_ERROR_KIND_LENGTH
        ? errorKind.substring(0, MAX_ERROR_KIND_LENGTH) + "..."
        : errorKind;
    return new Outcome(Kind.ERROR, shortened);
  }

  /** An error from a failed request: timeout, refused or reset connection, protocol error. */
  public static Outcome failure(Throwable cause) {
    String message = cause.getMessage();
    String firstLine = message == null ? "" : ": " + message.lines().findFirst().orElse("");
    return error(cause.getClass().getSimpleName() + firstLine);
  }

  /** 2xx and 300 (siblings) succeed, 404 on a read is "not found", anything else is an error. */
  public static Outcome ofHttpStatus(Operation operation, int status) {
    if (status / 100 == 2 || status == 300) {
      return SUCCESS;
    }
    if (status == 404 && operation == Operation.GET) {
      return NOT_FOUND;
    }
    return error("HTTP " + status);
  }

  /** OK succeeds, NOT_FOUND on a read is "not found", any other status is an error. */
  public static Outcome ofGrpcStatus(Operation operation, GrpcStatus status) {
    if (status == GrpcStatus.OK) {
      return SUCCESS;
    }
    if (status == GrpcStatus.NOT_FOUND && operation == Operation.GET) {
      return NOT_FOUND;
    }
    return error("gRPC " + status);
  }

  public Kind kind() {
    return kind;
  }

  /** The error's kind, or null when this is no error. */
  public String errorKind() {
    return errorKind;
  }
}
