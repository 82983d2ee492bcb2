package io.ringkv.api.grpc;

import io.ringkv.replication.RequestException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a failed request looks on the gRPC wire. A {@link RequestException} carries its status in
 * {@link io.ringkv.replication.RequestError#grpcStatus()} and a message meant for the client; any
 * other failure is a bug or an outage on our side, so it is logged here with its stack trace and
 * the client learns only {@code INTERNAL}.
 */
final class GrpcFailure {

  private static final Logger LOG = LoggerFactory.getLogger(GrpcFailure.class);

  static final String INTERNAL_MESSAGE = "internal error";

  private GrpcFailure() {}

  /** The status exception the generated service stub sends as the call's status and message. */
  static StatusException status(Throwable failure) {
    if (failure instanceof RequestException refused) {
      return new StatusException(
          GrpcStatus.valueOf(refused.error().grpcStatus()), message(refused));
    }
    LOG.error("gRPC request failed unexpectedly", failure);
    return new StatusException(GrpcStatus.INTERNAL, INTERNAL_MESSAGE);
  }

  /**
   * The client's message; a quorum failure also states its counts in a fixed form ({@code
   * answered=1 required=2}) so tools can read them without parsing prose.
   */
  private static String message(RequestException refused) {
    if (refused.answered().isEmpty() || refused.required().isEmpty()) {
      return refused.getMessage();
    }
    return refused.getMessage()
        + " (answered="
        + refused.answered().getAsInt()
        + " required="
        + refused.required().getAsInt()
        + ")";
  }
}
