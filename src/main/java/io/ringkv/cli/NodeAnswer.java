package io.ringkv.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A node's HTTP answer, read in full.
 *
 * @param uri the URL that answered
 * @param status the HTTP status code
 * @param headers the response headers
 * @param body the response body (empty when there is none)
 */
record NodeAnswer(URI uri, int status, HttpHeaders headers, byte[] body) {

  static final String CONTEXT_HEADER = "X-Ringkv-Context";

  boolean succeeded() {
    return status >= 200 && status < 300;
  }

  /**
   * A ringkv node's "no such key": a 404 with its JSON error {@code not_found}. Any other 404 comes
   * from something that is no ringkv node (a proxy, another server on the port).
   */
  boolean keyNotFound() {
    return status == 404 && json().map(error -> "not_found".equals(error.getValue("error"))).orElse(false);
  }

  Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** The causal context the node sent, if any. */
  Optional<String> context() {
    return header(CONTEXT_HEADER).filter(context -> !context.isEmpty());
  }

  String contentType() {
    return header("Content-Type").orElse("application/octet-stream");
  }

  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body as a JSON object, if it is one. */
  Optional<JsonObject> json() {
    try {
      return Optional.of(new JsonObject(text()));
    } catch (DecodeException | ClassCastException notJson) {
      return Optional.empty();
    }
  }

  /**
   * What went wrong, for the user: the message of the JSON error body ({@code {"error": "code",
   * "message": "..."}}), or the status and the start of whatever else the node sent.
   */
  String errorMessage() {
    Optional<JsonObject> error = json().filter(json -> json.containsKey("message"));
    if (error.isPresent()) {
      String code = error.get().getString("error", "error");
      return error.get().getString("message") + " (HTTP " + status + ", " + code + ")";
    }
    String excerpt = text().strip().lines().findFirst().orElse("");
    return "HTTP " + status + (excerpt.isEmpty() ? "" : ": " + abbreviate(excerpt));
  }

  private static String abbreviate(String line) {
    return line.length() <= 200 ? line : line.substring(0, 200) + "…";
  }
}
