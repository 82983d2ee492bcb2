package io.ringkv.api.http;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.ringkv.replication.RequestError;
import io.ringkv.replication.RequestException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every way a request can fail into the JSON error shape, so no client ever sees Vert.x's
 * plain-text or HTML defaults: failures of routes ({@link RequestException}s, the body limit,
 * unexpected exceptions), requests no route takes (404, 405, a malformed path), and requests the
 * HTTP codec itself rejects.
 */
final class FailureReply implements Handler<RoutingContext> {

  /** The statuses the router answers by itself, without a route to carry a failure handler. */
  static final List<Integer> ROUTER_STATUSES = List.of(400, 404, 405, 413, 500);

  private static final Logger LOG = LoggerFactory.getLogger(FailureReply.class);

  private final int maxBodyBytes;

  FailureReply(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** As a route's failure handler. */
  @Override
  public void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    if (response.headWritten()) {
      // Too late for an error body: cut the connection so the client sees a broken response.
      LOG.warn(
          "Failure after the response head was sent: {} {}", method(ctx), path(ctx), ctx.failure());
      response.reset();
      return;
    }
    Throwable failure = ctx.failure();
    if (failure instanceof RequestException refused) {
      ErrorReply.send(response, refused);
    } else if (failure instanceof HttpException http) {
      sendStatus(response, http.getStatusCode(), ctx);
    } else if (failure == null && ctx.statusCode() > 0) {
      sendStatus(response, ctx.statusCode(), ctx);
    } else {
      LOG.error("Unexpected failure of {} {}", method(ctx), path(ctx), failure);
      sendStatus(response, 500, ctx);
    }
  }

  /** As the router's handler of a status it answers by itself. */
  Handler<RoutingContext> forStatus(int status) {
    // The router calls this with ctx.statusCode() of -1 for a malformed path: trust only `status`.
    return ctx -> {
      if (!ctx.response().ended() && !ctx.response().headWritten()) {
        sendStatus(ctx.response(), status, ctx);
      }
    };
  }

  /**
   * As the HTTP server's invalid-request handler: the same statuses as Vert.x's default (414 for a
   * request line too long, 431 for headers too large, else 400), in the JSON shape, then the
   * connection closes since its framing can no longer be trusted.
   */
  static void invalidRequest(HttpServerRequest request) {
    int status = 400;
    Throwable cause = request.decoderResult().cause();
    if (cause instanceof TooLongFrameException) {
      String reason = String.valueOf(cause.getMessage());
      status =
          reason.startsWith("An HTTP line is larger")
              ? 414
              : reason.startsWith("HTTP header") ? 431 : 400;
    }
    HttpServerResponse response = request.response().putHeader(HttpHeaders.CONNECTION, "close");
    ErrorReply.send(response, status, ErrorReply.body(codeOf(status), "malformed HTTP request"))
        .onComplete(sent -> request.connection().close());
  }

  private void sendStatus(HttpServerResponse response, int status, RoutingContext ctx) {
    ErrorReply.send(response, status, ErrorReply.body(codeOf(status), messageOf(status, ctx)));
  }

  private static String codeOf(int status) {
    return switch (status) {
      case 404 -> RequestError.NOT_FOUND.code();
      case 413 -> RequestError.VALUE_TOO_LARGE.code();
      case 400 -> RequestError.BAD_REQUEST.code();
      case 500 -> "internal_error";
      default ->
          HttpResponseStatus.valueOf(status)
              .reasonPhrase()
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^a-z0-9]+", "_");
    };
  }

  private String messageOf(int status, RoutingContext ctx) {
    return switch (status) {
      case 400 -> "malformed request: " + method(ctx) + " " + path(ctx);
      case 404 -> "no such resource: " + path(ctx);
      case 405 -> method(ctx) + " is not allowed on " + path(ctx);
      case 413 -> "the request body is larger than " + maxBodyBytes + " bytes";
      case 500 -> "internal error";
      default -> HttpResponseStatus.valueOf(status).reasonPhrase();
    };
  }

  private static String method(RoutingContext ctx) {
    return ctx.request().method().name();
  }

  private static String path(RoutingContext ctx) {
    return ctx.request().path();
  }
}
