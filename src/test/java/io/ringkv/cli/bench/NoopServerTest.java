package io.ringkv.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.ringkv.api.grpc.v1.GetRequest;
import io.ringkv.api.grpc.v1.GetResponse;
import io.ringkv.api.grpc.v1.KeyValueGrpcClient;
import io.ringkv.api.grpc.v1.PutRequest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class NoopServerTest {

  /** A request still unanswered after this fails saying which, instead of hanging the test. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The JDK's blocking client, independent of the Vert.x under test. (A Vert.x client made and
   * closed per request, then one per test, each hung a full run now and then, never alone.)
   */
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private NoopServer noop;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    noop = new NoopServer("127.0.0.1", 0, 0);
    Await.result(vertx.deployVerticle(noop));
  }

  @Test
  void readsAnswer200WithAOneKibibyteValue() throws Exception {
    assertThat(call(HttpMethod.GET, "/buckets/b/keys/k")).isEqualTo("200 " + NoopServer.VALUE_SIZE);
    assertThat(call(HttpMethod.GET, "/kv/k")).isEqualTo("200 " + NoopServer.VALUE_SIZE);
  }

  @Test
  void writesAndDeletesAnswer204() throws Exception {
    assertThat(call(HttpMethod.PUT, "/buckets/b/keys/k")).isEqualTo("204 0");
    assertThat(call(HttpMethod.PUT, "/kv/k")).isEqualTo("204 0");
    assertThat(call(HttpMethod.DELETE, "/kv/k")).isEqualTo("204 0");
  }

  @Test
  void otherPathsAreNotFound() throws Exception {
    assertThat(call(HttpMethod.GET, "/buckets/b/props")).startsWith("404");
    assertThat(call(HttpMethod.GET, "/kv/")).startsWith("404");
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
  private String call(HttpMethod method, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + noop.httpPort() + path))
            .timeout(REQUEST_TIMEOUT)
            .method(
                method.name(),
                method == HttpMethod.GET ? BodyPublishers.noBody() : BodyPublishers.ofString("value"))
            .build();
    HttpResponse<byte[]> response = HTTP.send(request, BodyHandlers.ofByteArray());
    return response.statusCode() + " " + response.body().length;
  }
}
