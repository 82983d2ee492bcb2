package io.ringkv.api.http;

import io.ringkv.testing.BlockedThreadWatch;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * The HTTP API served on 127.0.0.1 (a random port) over in-memory ports, with clients to call it.
 * Tests call {@code await()} on the futures from their own thread, never from an event loop.
 */
final class ApiUnderTest implements AutoCloseable {

  static final String HOST = "127.0.0.1";

  final Vertx vertx = Vertx.vertx(BlockedThreadWatch.vertxOptions());
  final InMemoryBucketRegistry buckets = new InMemoryBucketRegistry();
  final InMemoryCoordinator coordinator;
  final ScriptedAdminView admin = new ScriptedAdminView();
  final int port;
  private final WebClient client;
  private final HttpClient rawClient;
  private final Context clientContext;

  ApiUnderTest(HttpApiOptions options) {
    coordinator = new InMemoryCoordinator(buckets, options.maxValueBytes());
    HttpApi api = new HttpApi(coordinator, buckets, admin, options);
    HttpApiVerticle verticle = new HttpApiVerticle(api, HOST, 0);
    vertx.deployVerticle(verticle, new DeploymentOptions()).await();
    port = verticle.actualPort();
    client =
        WebClient.create(vertx, new WebClientOptions().setDefaultHost(HOST).setDefaultPort(port));
    rawClient = vertx.createHttpClient();
    clientContext = vertx.getOrCreateContext();
  }

  ApiUnderTest() {
    this(HttpApiOptions.defaults());
  }

  HttpRequest<Buffer> request(HttpMethod method, String uri) {
    return client.request(method, uri);
  }

  /**
   * Sends {@code uri} exactly as written (no client-side parsing or re-encoding), for paths and
   * queries a well-behaved client would never send.
   */
  RawResponse raw(HttpMethod method, String uri, MultiMap headers, Buffer body) {
    // Built on the client's context: from the test thread, a response could end before body()
    // is asked for, and its body would never come.
    Promise<RawResponse> answered = Promise.promise();
    clientContext.runOnContext(
        ignored ->
            rawClient
                .request(method, port, HOST, uri)
                .compose(request -> send(request, headers, body))
                .compose(response -> response.body().map(bytes -> new RawResponse(response, bytes)))
                .onComplete(answered));
    return answered.future().await();
  }

  private static Future<HttpClientResponse> send(
      HttpClientRequest request, MultiMap headers, Buffer body) {
    request.headers().addAll(headers);
    return request.send(body);
  }

  RawResponse raw(HttpMethod method, String uri) {
    return raw(method, uri, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer());
  }

  @Override
  public void close() {
    vertx.close().await();
  }

  /** A response read whole. */
  record RawResponse(int status, MultiMap headers, Buffer body) {
    RawResponse(HttpClientResponse response, Buffer body) {
      this(response.statusCode(), response.headers(), body);
    }

    JsonObject json() {
      return body.toJsonObject();
    }
  }
}
