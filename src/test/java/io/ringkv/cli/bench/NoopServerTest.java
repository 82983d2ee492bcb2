package io.ringkv.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.ringkv.api.grpc.v1.GetRequest;
import io.ringkv.api.grpc.v1.GetResponse;
import io.ringkv.api.grpc.v1.KeyValueGrpcClient;
import io.ringkv.api.grpc.v1.PutRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class NoopServerTest {

  /** A request still unanswered after this fails with what it was, instead of hanging the test. */
  private static final long REQUEST_TIMEOUT_MILLIS = 10_000;

  private NoopServer noop;
  /**
   * One client for the test, held here: a Vert.x 5 client that nothing references may be closed by
   * the garbage collector, and closing a client inside the request's own future chain made the
   * test's result wait on that close.
   */
  private HttpClient client;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    noop = new NoopServer("127.0.0.1", 0, 0);
    Await.result(vertx.deployVerticle(noop));
    client = vertx.createHttpClient();
  }

  @AfterEach
  void closeClient() throws Exception {
    Await.result(client.close());
  }

  @Test
  void readsAnswer200WithAOneKibibyteValue() throws Exception {
    assertThat(Await.result(call(HttpMethod.GET, "/buckets/b/keys/k"))).isEqualTo("200 " + NoopServer.VALUE_SIZE);
    assertThat(Await.result(call(HttpMethod.GET, "/kv/k"))).isEqualTo("200 " + NoopServer.VALUE_SIZE);
  }

  @Test
  void writesAndDeletesAnswer204() throws Exception {
    assertThat(Await.result(call(HttpMethod.PUT, "/buckets/b/keys/k"))).isEqualTo("204 0");
    assertThat(Await.result(call(HttpMethod.PUT, "/kv/k"))).isEqualTo("204 0");
    assertThat(Await.result(call(HttpMethod.DELETE, "/kv/k"))).isEqualTo("204 0");
  }

  @Test
  void otherPathsAreNotFound() throws Exception {
    assertThat(Await.result(call(HttpMethod.GET, "/buckets/b/props"))).startsWith("404");
    assertThat(Await.result(call(HttpMethod.GET, "/kv/"))).startsWith("404");
  }

  @Test
  void recognisesOnlyKeyPaths() {
    assertThat(NoopServer.isKeyPath("/buckets/users/keys/alice")).isTrue();
    assertThat(NoopServer.isKeyPath("/kv/alice")).isTrue();
    assertThat(NoopServer.isKeyPath("/buckets//keys/alice")).isFalse();
    assertThat(NoopServer.isKeyPath("/buckets/users/keys/")).isFalse();
    assertThat(NoopServer.isKeyPath("/metrics")).isFalse();
  }

  @Test
  void grpcAnswersAtOnce(Vertx vertx) throws Exception {
    GrpcClient client = GrpcClient.client(vertx);
    KeyValueGrpcClient keyValue = KeyValueGrpcClient.create(client,
        SocketAddress.inetSocketAddress(noop.grpcPort(), "127.0.0.1"));
    ByteString key = ByteString.copyFromUtf8("k");

    GetResponse got = Await.result(keyValue.get(GetRequest.newBuilder().setKey(key).build()));
    Await.result(keyValue.put(PutRequest.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8("v")).build()));

    assertThat(got.getFound()).isTrue();
    assertThat(got.getSiblings(0).getValue().size()).isEqualTo(NoopServer.VALUE_SIZE);
    Await.result(client.close());
  }

  /** "status bodyLength" of one request. */
  private Future<String> call(HttpMethod method, String uri) {
    RequestOptions request =
        new RequestOptions()
            .setMethod(method)
            .setHost("127.0.0.1")
            .setPort(noop.httpPort())
            .setURI(uri)
            .setIdleTimeout(REQUEST_TIMEOUT_MILLIS);
    return client.request(request)
        .compose(sent -> method == HttpMethod.GET ? sent.send() : sent.send(Buffer.buffer("value")))
        .compose(response -> response.body().map(body -> response.statusCode() + " " + body.length()))
        .recover(failure -> Future.failedFuture(new AssertionError(method + " " + uri + " failed: " + failure, failure)));
  }
}
