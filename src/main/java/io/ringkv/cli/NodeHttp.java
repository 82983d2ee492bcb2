package io.ringkv.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Blocking HTTP calls to one node, for the shell commands: a command makes one or two calls and
 * exits, so a plain {@link HttpClient} is all it needs (no event loop to start).
 */
final class NodeHttp {

  private final URI base;
  private final Duration timeout;
  private final HttpClient client;

  /**
   * @param base the node's HTTP address, such as {@code http://127.0.0.1:8081}
   * @param timeout how long to wait for a connection, and then for the answer
   */
  NodeHttp(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    // HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every plain-http request.
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
  }

  NodeAnswer get(String path, Map<String, String> headers) throws NodeUnreachableException {
    return send("GET", path, headers, HttpRequest.BodyPublishers.noBody());
  }

  NodeAnswer put(String path, Map<String, String> headers, byte[] body)
      throws NodeUnreachableException {
    return send("PUT", path, headers, HttpRequest.BodyPublishers.ofByteArray(body));
  }

  NodeAnswer delete(String path, Map<String, String> headers) throws NodeUnreachableException {
    return send("DELETE", path, headers, HttpRequest.BodyPublishers.noBody());
  }

  NodeAnswer post(String path) throws NodeUnreachableException {
    return send("POST", path, Map.of(), HttpRequest.BodyPublishers.noBody());
  }

  NodeAnswer postJson(String path, String json) throws NodeUnreachableException {
    return send(
        "POST",
        path,
        Map.of("Content-Type", "application/json"),
        HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
  }

  /**
   * @param path an absolute path, already percent-encoded, with its query if any
   */
  private NodeAnswer send(
      String method, String path, Map<String, String> headers, HttpRequest.BodyPublisher body)
      throws NodeUnreachableException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).method(method, body);
    headers.forEach(request::header);
    try {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new NodeAnswer(response.uri(), response.statusCode(), response.headers(), response.body());
    } catch (IOException failure) {
      throw new NodeUnreachableException(
          "cannot reach a ringkv node at " + base + ": " + reason(failure));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new NodeUnreachableException("interrupted while waiting for " + base);
    }
  }

  /** A one-line reason; the JDK's exceptions often have no message of their own. */
  private String reason(IOException failure) {
    if (failure instanceof HttpConnectTimeoutException) {
      return "no connection within " + timeout.toSeconds() + " s";
    }
    if (failure instanceof HttpTimeoutException) {
      return "no answer within " + timeout.toSeconds() + " s";
    }
    if (anywhereInCauses(failure, UnknownHostException.class, UnresolvedAddressException.class)) {
      return "unknown host " + base.getHost();
    }
    if (anywhereInCauses(failure, ConnectException.class)) {
      return "connection refused";
    }
    return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
  }

  @SafeVarargs
  private static boolean anywhereInCauses(Throwable failure, Class<? extends Throwable>... causes) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      for (Class<? extends Throwable> wanted : causes) {
        if (wanted.isInstance(cause)) {
          return true;
        }
      }
    }
    return false;
  }
}
