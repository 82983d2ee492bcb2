package io.ringkv.api;

import io.ringkv.replication.RequestException;

/**
 * The {@code outcome} a client API reports to its {@link RequestObserver}: the same six words for
 * HTTP and gRPC, so a dashboard compares the two APIs directly.
 */
public final class RequestOutcome {

  public static final String OK = "ok";
  public static final String NOT_FOUND = "not_found";
  public static final String BAD_REQUEST = "bad_request";
  public static final String TOO_LARGE = "too_large";
  /** The quorum was not reached (or the node is not ready): the client may retry elsewhere. */
  public static final String UNAVAILABLE = "unavailable";
  /** Anything else: a bug or an outage on our side. */
  public static final String ERROR = "error";

  private RequestOutcome() {}

  /** The outcome of a request that failed with {@code failure}: as its HTTP status would say. */
  public static String of(Throwable failure) {
    return failure instanceof RequestException refused
        ? ofHttpStatus(refused.error().httpStatus())
        : ERROR;
  }

  /** The outcome of an HTTP answer with this status code. */
  public static String ofHttpStatus(int status) {
    if (status < 400) {
      return OK; // 200, 204 and 300 (siblings) all answered the request
    }
    return switch (status) {
      case 404 -> NOT_FOUND;
      case 413 -> TOO_LARGE;
      case 503 -> UNAVAILABLE;
      default -> status < 500 ? BAD_REQUEST : ERROR;
    };
  }
}
