package io.ringkv.integration;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A blocking HTTP client of the contract's API, for readable integration tests. */
final class HttpKv implements AutoCloseable {

  static final String CONTEXT = "X-Ringkv-Context";

  private final Vertx vertx = Vertx.vertx();
  private final WebClient client = WebClient.create(vertx);

  record Response(int status, MultiMap headers, Buffer body) {
    String context() {
      return headers.get(CONTEXT);
    }

    JsonObject json() {
      return body.toJsonObject();
    }

    /** The sibling values of a JSON-form GET, decoded as UTF-8 text. */
    List<String> siblingValues() {
      List<String> values = new ArrayList<>();
      JsonArray siblings = json().getJsonArray("siblings");
      for (int i = 0; i < siblings.size(); i++) {
        byte[] value = Base64.getDecoder().decode(siblings.getJsonObject(i).getString("value"));
        values.add(new String(value, StandardCharsets.UTF_8));
      }
      values.sort(String::compareTo);
      return values;
    }
  }

  static String keyPath(String bucket, String key) {
    return "/buckets/" + encode(bucket) + "/keys/" + encode(key);
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  Response put(String baseUrl, String bucket, String key, String value, String context, String query) throws Exception {
    HttpRequest<Buffer> request = request(HttpMethod.PUT, baseUrl + keyPath(bucket, key) + query(query), context);
    request.putHeader("Content-Type", "text/plain");
    return send(request, Buffer.buffer(value));
  }

  Response put(String baseUrl, String bucket, String key, String value, String context) throws Exception {
    return put(baseUrl, bucket, key, value, context, null);
  }

  /** A GET asking for the JSON form, so siblings come back as a list. */
  Response getJson(String baseUrl, String bucket, String key, String query) throws Exception {
    HttpRequest<Buffer> request = request(HttpMethod.GET, baseUrl + keyPath(bucket, key) + query(query), null);
    request.putHeader("Accept", "application/json");
    return send(request, null);
  }

  /**
   * Puts many keys, {@code inFlight} at a time (blind writes, text values).
   *
   * @throws AssertionError if any put is not acknowledged with 204
   */
  void putAll(String baseUrl, String bucket, Map<String, String> values, int inFlight) throws Exception {
    List<Map.Entry<String, String>> entries = new ArrayList<>(values.entrySet());
    for (int from = 0; from < entries.size(); from += inFlight) {
      List<Future<HttpResponse<Buffer>>> batch = new ArrayList<>();
      for (Map.Entry<String, String> entry : entries.subList(from, Math.min(entries.size(), from + inFlight))) {
        batch.add(client.requestAbs(HttpMethod.PUT, baseUrl + keyPath(bucket, entry.getKey()))
            .putHeader("Content-Type", "text/plain")
            .sendBuffer(Buffer.buffer(entry.getValue())));
      }
      for (HttpResponse<Buffer> response : TestCluster.await(Future.all(batch)).<HttpResponse<Buffer>>list()) {
        if (response.statusCode() != 204) {
          throw new AssertionError("a put was answered " + response.statusCode() + ": " + response.bodyAsString());
        }
      }
    }
  }

  Response getJson(String baseUrl, String bucket, String key) throws Exception {
    return getJson(baseUrl, bucket, key, null);
  }

  Response delete(String baseUrl, String bucket, String key, String context) throws Exception {
    return send(request(HttpMethod.DELETE, baseUrl + keyPath(bucket, key), context), null);
  }

  Response send(HttpMethod method, String url, String contentType, Buffer body) throws Exception {
    HttpRequest<Buffer> request = request(method, url, null);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return send(request, body);
  }

  private HttpRequest<Buffer> request(HttpMethod method, String url, String context) {
    HttpRequest<Buffer> request = client.requestAbs(method, url);
    if (context != null) {
      request.putHeader(CONTEXT, context);
    }
    return request;
  }

  private static String query(String query) {
    return query == null || query.isEmpty() ? "" : "?" + query;
  }

  private static Response send(HttpRequest<Buffer> request, Buffer body) throws Exception {
    var response =
        TestCluster.await(body == null ? request.send() : request.sendBuffer(body));
    Buffer responseBody = response.body() == null ? Buffer.buffer() : response.body();
    return new Response(response.statusCode(), response.headers(), responseBody);
  }

  @Override
  public void close() throws Exception {
    TestCluster.await(vertx.close());
  }
}
