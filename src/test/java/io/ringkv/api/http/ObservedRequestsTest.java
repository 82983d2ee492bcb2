package io.ringkv.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.api.RecordingObserver;
import io.ringkv.api.RecordingObserver.Completed;
import io.ringkv.replication.QuorumNotReachedException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every key request is reported once answered, with its operation and outcome. */
class ObservedRequestsTest {

  private final RecordingObserver observer = new RecordingObserver();
  private final ApiUnderTest api =
      new ApiUnderTest(HttpApiOptions.defaults().withMaxValueBytes(1024).withRequestObserver(observer));

  @AfterEach
  void close() {
    api.close();
  }

  private int send(HttpMethod method, String uri, Buffer body) {
    return api.request(method, uri).sendBuffer(body).await().statusCode();
  }

  @Test
  void reportsEachKeyRequestWithItsOutcome() throws Exception {
    assertThat(send(HttpMethod.PUT, "/buckets/b/keys/k", Buffer.buffer("v"))).isEqualTo(204);
    assertThat(send(HttpMethod.GET, "/kv/missing", Buffer.buffer())).isEqualTo(404);
    assertThat(send(HttpMethod.PUT, "/kv/big", Buffer.buffer(new byte[2048]))).isEqualTo(413);
    assertThat(send(HttpMethod.GET, "/buckets/b/keys/k?r=x", Buffer.buffer())).isEqualTo(400);
    api.coordinator.failNextWith(QuorumNotReachedException.afterAsking("delete", 1, 2));
    assertThat(send(HttpMethod.DELETE, "/buckets/b/keys/k", Buffer.buffer())).isEqualTo(503);

    assertThat(observer.awaitCompleted(5))
        .containsExactly(
            new Completed("http", "put", "ok"),
            new Completed("http", "get", "not_found"),
            new Completed("http", "put", "too_large"),
            new Completed("http", "get", "bad_request"),
            new Completed("http", "delete", "unavailable"));
    assertThat(observer.nanos()).allSatisfy(nanos -> assertThat(nanos).isPositive());
  }

  @Test
  void otherRoutesAreNotClientRequests() throws Exception {
    assertThat(send(HttpMethod.GET, "/ping", Buffer.buffer())).isEqualTo(200);
    assertThat(send(HttpMethod.GET, "/buckets/b/props", Buffer.buffer())).isEqualTo(200);
    assertThat(send(HttpMethod.GET, "/kv/k", Buffer.buffer())).isEqualTo(404);

    assertThat(observer.awaitCompleted(1)).containsExactly(new Completed("http", "get", "not_found"));
  }
}
