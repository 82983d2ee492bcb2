package io.ringkv.replication;

/**
 * Why a request failed, in the words of the external contract. Each API maps these one to one:
 * the HTTP status and the gRPC code live here so both APIs say the same thing.
 */
public enum RequestError {
  BAD_KEY("bad_key", 400, "INVALID_ARGUMENT"),
  BAD_BUCKET("bad_bucket", 400, "INVALID_ARGUMENT"),
  BAD_CONTEXT("bad_context", 400, "INVALID_ARGUMENT"),
  BAD_QUORUM("bad_quorum", 400, "INVALID_ARGUMENT"),
  BAD_REQUEST("bad_request", 400, "INVALID_ARGUMENT"),
  NOT_FOUND("not_found", 404, "NOT_FOUND"),
  VALUE_TOO_LARGE("value_too_large", 413, "RESOURCE_EXHAUSTED"),
  QUORUM_NOT_REACHED("quorum_not_reached", 503, "UNAVAILABLE"),
  NOT_READY("not_ready", 503, "UNAVAILABLE"),
  /** A membership change could not reach its seed: the request was fine, retry later. */
  SEED_UNREACHABLE("seed_unreachable", 503, "UNAVAILABLE");

  private final String code;
  private final int httpStatus;
  private final String grpcStatus;

  RequestError(String code, int httpStatus, String grpcStatus) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.grpcStatus = grpcStatus;
  }

  /** The {@code "error"} field of the JSON error body. */
  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The name of the {@code io.vertx.grpc.common.GrpcStatus} constant. */
  public String grpcStatus() {
    return grpcStatus;
  }
}
