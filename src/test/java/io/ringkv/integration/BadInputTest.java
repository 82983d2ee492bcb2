package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input against a real cluster: a clear 4xx JSON error each time, and the node keeps serving. */
class BadInputTest {

  private static TestCluster cluster;
  private static HttpKv kv;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start(3);
    kv = new HttpKv();
  }

  @AfterAll
  static void stop() throws Exception {
    kv.close();
    cluster.close();
  }

  private static void assertError(HttpKv.Response response, int status, String code) {
    assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
    assertThat(response.json().getString("error")).isEqualTo(code);
    assertThat(response.json().getString("message")).isNotBlank();
  }

  @Test
  void each_bad_request_gets_its_status_and_error_code() throws Exception {
    String url = cluster.url(0);
    assertError(kv.send(HttpMethod.PUT, url + "/buckets/b/keys/", "text/plain", Buffer.buffer("v")), 400, "bad_key");
    assertError(kv.put(url, "b", "k".repeat(1025), "v", null), 400, "bad_key");
    assertError(kv.getJson(url, "b", "k", "r=0"), 400, "bad_quorum");
    assertError(kv.getJson(url, "b", "k", "r=4"), 400, "bad_quorum");
    assertError(kv.put(url, "b", "k", "v", null, "w=0"), 400, "bad_quorum");
    assertError(kv.put(url, "b", "k", "v", null, "w=9"), 400, "bad_quorum");
    assertError(kv.put(url, "b", "k", "v", "@@not-base64@@"), 400, "bad_context");
    assertError(kv.put(url, "b", "k", "v", "AAAAAAAAAAAAAAAA"), 400, "bad_context");
    assertError(
        kv.send(HttpMethod.PUT, url + HttpKv.keyPath("b", "big"), "application/octet-stream", Buffer.buffer(new byte[(1 << 20) + 1])),
        413, "value_too_large");
    assertError(
        kv.send(HttpMethod.PUT, url + "/buckets/b/props", "application/json", Buffer.buffer("{\"nval\":3}")),
        400, "bad_request");
    assertError(
        kv.send(HttpMethod.PUT, url + "/buckets/b/props", "application/json", Buffer.buffer("{\"r\":5}")),
        400, "bad_request");
    assertThat(kv.send(HttpMethod.POST, url + HttpKv.keyPath("b", "k"), "text/plain", Buffer.buffer("v")).status())
        .isEqualTo(405);

    assertThat(kv.send(HttpMethod.GET, url + "/ping", null, null).status()).isEqualTo(200);
    assertThat(kv.put(url, "b", "still-serving", "v", null).status()).isEqualTo(204);
  }

  @Test
  void a_context_that_is_not_a_ringkv_context_is_refused_with_its_reason_said_once() throws Exception {
    var refused = kv.put(cluster.url(0), "b", "k", "v", "AAAAAAAAAAAAAAAA");

    assertError(refused, 400, "bad_context");
    assertThat(refused.json().getString("message"))
        .startsWith("invalid context: ")
        .doesNotContain("invalid context: invalid context");
  }

  @Test
  void a_value_at_the_limit_is_stored_and_read_back_whole() throws Exception {
    byte[] value = new byte[1 << 20];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) (i * 31);
    }
    var put = kv.send(HttpMethod.PUT, cluster.url(0) + HttpKv.keyPath("b", "one-mib"), "application/octet-stream", Buffer.buffer(value));
    assertThat(put.status()).isEqualTo(204);
    var get = kv.send(HttpMethod.GET, cluster.url(1) + HttpKv.keyPath("b", "one-mib"), null, null);
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.body().getBytes()).isEqualTo(value);
  }
}
