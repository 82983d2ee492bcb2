package io.ringkv.api.http;

import io.ringkv.replication.RequestError;
import io.ringkv.replication.RequestException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * The one shape of every HTTP error (DESIGN.md Part B): {@code {"error": "code", "message": "…"}},
 * plus {@code "answered"} and {@code "required"} when a quorum was not reached.
 */
final class ErrorReply {

  private ErrorReply() {}

  static JsonObject body(String code, String message) {
    return new JsonObject().put("error", code).put("message", message);
  }

  static JsonObject body(RequestException failure) {
    JsonObject body = body(failure.error().code(), failure.getMessage());
    failure.answered().ifPresent(answered -> body.put("answered", answered));
    failure.required().ifPresent(required -> body.put("required", required));
    return body;
  }

  static void send(HttpServerResponse response, RequestException failure) {
    send(response, failure.error().httpStatus(), body(failure));
  }

  static void send(HttpServerResponse response, RequestError error, String message) {
    send(response, error.httpStatus(), body(error.code(), message));
  }

  /**
   * @return when the body is written
   */
  static Future<Void> send(HttpServerResponse response, int status, JsonObject body) {
    return response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.encode());
  }
}
