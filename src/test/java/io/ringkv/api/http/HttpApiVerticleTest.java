package io.ringkv.api.http;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.testing.BlockedThreadWatch;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BlockedThreadWatch.class)
@Timeout(60)
class HttpApiVerticleTest {

  /** Requests a client should never send: each ends with the server answering or closing. */
  private static final List<String> MALFORMED =
      List.of(
          "GARBAGE\r\n\r\n",
          "\u0000\u0001\u0002\u00ff\r\n\r\n",
          "GET / HTTP/9.9\r\n\r\n",
          "PUT /kv/k HTTP/1.1\r\nHost: h\r\nContent-Length: abc\r\n\r\n",
          "GET /ping HTTP/1.1\r\nHost: h\r\nX-Big: " + "x".repeat(20_000) + "\r\n\r\n",
          "GET /" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: h\r\n\r\n",
          "GET /kv/%ZZ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
          "GET /kv/k?r=%G HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
          "DELETE /kv/ HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
          "PUT /kv/k HTTP/1.1\r\n"
              + "Host: h\r\n"
              + "X-Ringkv-Context: !!\r\n"
              + "Content-Length: 1\r\n"
              + "Connection: close\r\n\r\n"
              + "v",
          "PUT /kv/k?w=many HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nConnection: close\r\n\r\nv",
          "BREW /kv/k HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");

  @Test
  void aBurstOfMalformedRequestsGetsJsonErrorsAndLeavesTheServerAnswering() {
    try (ApiUnderTest api = new ApiUnderTest()) {
      NetClient net = api.vertx.createNetClient();
      List<Future<String>> replies = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        replies.add(exchange(api.vertx, net, api.port, MALFORMED.get(i % MALFORMED.size())));
      }
      Future.join(replies).await();

      for (int i = 0; i < replies.size(); i++) {
        String reply = replies.get(i).result();
        String requestLine = MALFORMED.get(i % MALFORMED.size()).lines().findFirst().orElse("");
        assertThat(reply).as("reply to %s", requestLine).matches("(?s)HTTP/\\S+ [45]\\d\\d .*");
        if (!requestLine.endsWith(
            "HTTP/9.9")) { // Vert.x answers an unknown version itself: 501, empty
          assertThat(reply)
              .as("reply to %s", requestLine)
              .matches("(?s)HTTP/1\\.[01] 4\\d\\d .*")
              .containsIgnoringCase("content-type: application/json")
              .contains("\"error\":");
        }
      }
      assertThat(api.raw(GET, "/ping").status()).isEqualTo(200);
    }
  }

  @Test
  void aChunkedValueOverTheLimitIsRefusedWhileItStreams() {
    try (ApiUnderTest api = new ApiUnderTest(HttpApiOptions.defaults().withMaxValueBytes(1024))) {
      HttpClient client = api.vertx.createHttpClient();
      Promise<HttpClientResponse> answered = Promise.promise();
      api.vertx.runOnContext(
          ignored ->
              client
                  .request(PUT, api.port, ApiUnderTest.HOST, "/kv/chunked")
                  .compose(
                      request -> {
                        request.setChunked(true);
                        request.write(Buffer.buffer(new byte[1000]));
                        request.write(Buffer.buffer(new byte[1000]));
                        request.end();
                        return request.response();
                      })
                  .onComplete(answered));

      HttpClientResponse response = answered.future().await();

      assertThat(response.statusCode()).isEqualTo(413);
      assertThat(api.coordinator.lastWrite()).isNull();
    }
  }

  @Test
  void theLongestNamesFitInTheRequestLineEvenFullyEncoded() {
    try (ApiUnderTest api = new ApiUnderTest()) {
      String bucket = "%C3%A9".repeat(512); // 1024 bytes of UTF-8, 3072 characters encoded
      String key = bucket;

      assertThat(
              api.raw(PUT, "/buckets/" + bucket + "/keys/" + key + "?w=2&pw=1&returnbody=false")
                  .status())
          .isEqualTo(204);
      assertThat(api.coordinator.lastWrite().key()).hasSize(1024);
    }
  }

  @Test
  void severalInstancesOnANegativePortShareOneRandomPort() {
    Vertx vertx = Vertx.vertx(BlockedThreadWatch.vertxOptions());
    try {
      InMemoryBucketRegistry buckets = new InMemoryBucketRegistry();
      HttpApi api =
          new HttpApi(
              new InMemoryCoordinator(buckets, 1024),
              buckets,
              new ScriptedAdminView(),
              HttpApiOptions.defaults());
      List<HttpApiVerticle> instances = new CopyOnWriteArrayList<>();

      vertx
          .deployVerticle(
              () -> {
                HttpApiVerticle instance = new HttpApiVerticle(api, ApiUnderTest.HOST, -1);
                instances.add(instance);
                return instance;
              },
              new DeploymentOptions().setInstances(3))
          .await();

      assertThat(instances).hasSize(3);
      int port = instances.get(0).actualPort();
      assertThat(port).isPositive();
      assertThat(instances)
          .allSatisfy(instance -> assertThat(instance.actualPort()).isEqualTo(port));
      HttpClient client = vertx.createHttpClient();
      Promise<Integer> status = Promise.promise();
      vertx.runOnContext(
          ignored ->
              client
                  .request(GET, port, ApiUnderTest.HOST, "/ping")
                  .compose(request -> request.send())
                  .map(HttpClientResponse::statusCode)
                  .onComplete(status));
      assertThat(status.future().await()).isEqualTo(200);
    } finally {
      vertx.close().await();
    }
  }

  /** Writes the bytes on a fresh connection and reads until the server closes it. */
  private static Future<String> exchange(Vertx vertx, NetClient net, int port, String request) {
    Promise<String> reply = Promise.promise();
    vertx.runOnContext(
        ignored ->
            net.connect(port, ApiUnderTest.HOST)
                .onFailure(reply::fail)
                .onSuccess(socket -> readUntilClosed(socket, request, reply)));
    return reply.future();
  }

  private static void readUntilClosed(NetSocket socket, String request, Promise<String> reply) {
    Buffer received = Buffer.buffer();
    socket.handler(received::appendBuffer);
    socket.closeHandler(
        closed -> reply.tryComplete(received.toString(StandardCharsets.ISO_8859_1)));
    socket.exceptionHandler(
        failure -> reply.tryComplete(received.toString(StandardCharsets.ISO_8859_1)));
    socket.write(Buffer.buffer(request.getBytes(StandardCharsets.ISO_8859_1)));
  }
}
