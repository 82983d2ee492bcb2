package io.ringkv.api.http;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.replication.QuorumNotReachedException;
import io.ringkv.replication.RequestError;
import io.ringkv.replication.RequestException;
import io.ringkv.replication.StoredValue;
import io.ringkv.testing.BlockedThreadWatch;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every way a request can fail answers with the right status and the JSON error shape. */
@ExtendWith(BlockedThreadWatch.class)
@Timeout(30)
class ErrorRepliesTest {

  private ApiUnderTest api;

  @BeforeEach
  void start() {
    api = new ApiUnderTest();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void anEmptyKeyIsABadKeyNotAMissingRoute() {
    for (HttpMethod method : new HttpMethod[] {GET, PUT, DELETE}) {
      assertError(api.raw(method, "/buckets/b/keys/"), 400, "bad_key");
      assertError(api.raw(method, "/kv/"), 400, "bad_key");
    }
  }

  @Test
  void anEmptyBucketIsABadBucketNotAMissingRoute() {
    for (HttpMethod method : new HttpMethod[] {GET, PUT, DELETE}) {
      assertError(api.raw(method, "/buckets//keys/k"), 400, "bad_bucket");
    }
    assertError(api.raw(GET, "/buckets//props"), 400, "bad_bucket");
    assertError(api.raw(PUT, "/buckets//props"), 400, "bad_bucket");
    assertError(api.raw(GET, "/admin/local//k"), 400, "bad_bucket");
    assertThat(api.raw(GET, "/buckets//keys/k").json().getString("message"))
        .isEqualTo("the bucket name is empty");
  }

  @Test
  void aKeyOver1024BytesIsABadKey() {
    assertThat(api.raw(PUT, "/kv/" + "k".repeat(1024)).status()).isEqualTo(204);
    assertError(api.raw(PUT, "/kv/" + "k".repeat(1025)), 400, "bad_key");
    assertError(api.raw(GET, "/kv/" + "%C3%A9".repeat(513)), 400, "bad_key");
    assertError(api.raw(GET, "/admin/local/b1/" + "a".repeat(1025)), 400, "bad_key");
    assertError(api.raw(GET, "/admin/preference-list?key=" + "a".repeat(1025)), 400, "bad_key");
  }

  @Test
  void aKeyThatIsNotUtf8IsABadKeyOnEveryRoute() {
    for (HttpMethod method : new HttpMethod[] {GET, PUT, DELETE}) {
      assertError(api.raw(method, "/buckets/b1/keys/%FF%FE"), 400, "bad_key");
      assertError(api.raw(method, "/kv/%FF"), 400, "bad_key");
      assertError(api.raw(method, "/kv/%C3"), 400, "bad_key"); // a truncated sequence
    }
    assertError(api.raw(GET, "/admin/local/b1/%FF"), 400, "bad_key");
    assertError(api.raw(GET, "/admin/preference-list?bucket=b1&key=%FF"), 400, "bad_key");
    assertThat(api.raw(GET, "/kv/%FF").json().getString("message"))
        .isEqualTo("the key is not valid UTF-8");
    assertThat(api.coordinator.lastWrite()).as("nothing reached the coordinator").isNull();
  }

  @Test
  void aBucketOver1024BytesOrNotUtf8IsABadBucket() {
    assertError(api.raw(GET, "/buckets/" + "b".repeat(1025) + "/keys/k"), 400, "bad_bucket");
    assertError(api.raw(GET, "/buckets/%FF/keys/k"), 400, "bad_bucket");
  }

  @Test
  void replicaCountsMustBePositiveIntegersWithinN() {
    assertError(api.raw(GET, "/kv/k?r=0"), 400, "bad_quorum");
    assertError(api.raw(GET, "/kv/k?r=4"), 400, "bad_quorum"); // the default bucket's n is 3
    assertError(api.raw(GET, "/kv/k?r=abc"), 400, "bad_quorum");
    assertError(api.raw(GET, "/kv/k?r="), 400, "bad_quorum");
    assertError(api.raw(GET, "/kv/k?r=99999999999"), 400, "bad_quorum");
    assertError(api.raw(PUT, "/kv/k?w=0"), 400, "bad_quorum");
    assertError(api.raw(PUT, "/kv/k?w=-1"), 400, "bad_quorum");
    assertError(api.raw(DELETE, "/kv/k?w=1.5"), 400, "bad_quorum");
    assertError(api.raw(PUT, "/kv/k?pw=x"), 400, "bad_quorum");
    assertThat(api.raw(PUT, "/kv/k?w=3&pw=0").status()).isEqualTo(204);
  }

  @Test
  void returnBodyIsTrueOrFalse() {
    assertError(api.raw(PUT, "/kv/k?returnbody=yes"), 400, "bad_request");
  }

  @Test
  void aContextHeaderThatIsNotBase64UrlIsABadContext() {
    for (String header : new String[] {"not base64!", "A", "AQ+/"}) {
      assertError(
          put("/kv/k", MultiMap.caseInsensitiveMultiMap().add(ContextHeader.NAME, header)),
          400,
          "bad_context");
    }
  }

  @Test
  void aContextTheCoordinatorCannotReadIsABadContext() {
    assertError(
        put("/kv/k", MultiMap.caseInsensitiveMultiMap().add(ContextHeader.NAME, "AAAA")),
        400,
        "bad_context");
  }

  @Test
  void aValueOverTheLimitIs413AndOneAtTheLimitIsStored() {
    Buffer atLimit = Buffer.buffer(new byte[HttpApiOptions.DEFAULT_MAX_VALUE_BYTES]);
    Buffer overLimit = Buffer.buffer(new byte[HttpApiOptions.DEFAULT_MAX_VALUE_BYTES + 1]);

    assertThat(api.request(PUT, "/kv/big").sendBuffer(atLimit).await().statusCode()).isEqualTo(204);
    var refused = api.request(PUT, "/kv/big").sendBuffer(overLimit).await();

    assertThat(refused.statusCode()).isEqualTo(413);
    assertThat(refused.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("value_too_large");
    var stored = api.request(GET, "/kv/big").send().await(); // the connection is still usable
    assertThat(stored.statusCode()).isEqualTo(200);
    assertThat(stored.body().length()).isEqualTo(HttpApiOptions.DEFAULT_MAX_VALUE_BYTES);
  }

  @Test
  void aMalformedPercentEncodingInThePathIsABadRequest() {
    assertError(api.raw(GET, "/kv/%ZZ"), 400, "bad_request");
    assertError(api.raw(PUT, "/buckets/b/keys/%"), 400, "bad_request");
    assertError(api.raw(GET, "/nowhere/%G1"), 400, "bad_request");
    assertError(api.raw(GET, "/kv/k?r=%G1"), 400, "bad_request");
  }

  @Test
  void aWrongMethodOnAKnownPathIs405() {
    assertError(api.raw(POST, "/kv/k"), 405, "method_not_allowed");
    assertError(api.raw(PATCH, "/buckets/b/keys/k"), 405, "method_not_allowed");
    assertError(api.raw(POST, "/buckets/b/props"), 405, "method_not_allowed");
    assertError(api.raw(DELETE, "/ping"), 405, "method_not_allowed");
    assertError(api.raw(GET, "/admin/join"), 405, "method_not_allowed");
  }

  @Test
  void anUnknownPathIs404() {
    assertError(api.raw(GET, "/nowhere"), 404, "not_found");
    assertError(api.raw(GET, "/kv/a/b"), 404, "not_found");
    assertError(api.raw(GET, "/buckets/b/keys"), 404, "not_found");
    assertError(api.raw(GET, "/admin/unknown"), 404, "not_found");
  }

  @ParameterizedTest
  @EnumSource(RequestError.class)
  void everyRefusalOfTheCoordinatorMapsToItsStatusAndCode(RequestError error) {
    api.coordinator.failNextWith(new RequestException(error, "refused: " + error));

    ApiUnderTest.RawResponse response = api.raw(GET, "/kv/k");

    assertError(response, error.httpStatus(), error.code());
    assertThat(response.json().getString("message")).isEqualTo("refused: " + error);
  }

  @Test
  void aQuorumNotReachedIs503WithAnsweredAndRequired() {
    api.coordinator.failNextWith(QuorumNotReachedException.afterAsking("put", 1, 2));

    ApiUnderTest.RawResponse response = api.raw(PUT, "/kv/k");

    assertError(response, 503, "quorum_not_reached");
    assertThat(response.json().getInteger("answered")).isEqualTo(1);
    assertThat(response.json().getInteger("required")).isEqualTo(2);
  }

  @Test
  void anUnexpectedFailureIs500WithoutItsDetails() {
    api.coordinator.failNextWith(new IllegalStateException("secret internals"));
    ApiUnderTest.RawResponse failed = api.raw(GET, "/kv/k");
    api.coordinator.throwNext(new NullPointerException("secret internals"));
    ApiUnderTest.RawResponse thrown = api.raw(PUT, "/kv/k");

    for (ApiUnderTest.RawResponse response : Arrays.asList(failed, thrown)) {
      assertError(response, 500, "internal_error");
      assertThat(response.body().toString()).doesNotContain("secret", "Exception", "at io.");
    }
    assertThat(api.raw(GET, "/ping").status()).isEqualTo(200);
  }

  @Test
  void aFailureWhileWritingTheAnswerIs500NotAHungRequest() {
    byte[] key = "broken".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    api.coordinator.preload("default", key, List.of(new StoredValue(null, "text/plain", false)));

    assertError(api.raw(GET, "/kv/broken"), 500, "internal_error");
  }

  private ApiUnderTest.RawResponse put(String uri, MultiMap headers) {
    return api.raw(PUT, uri, headers, Buffer.buffer("value"));
  }

  static void assertError(ApiUnderTest.RawResponse response, int status, String code) {
    assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
    assertThat(response.headers().get("Content-Type")).isEqualTo("application/json");
    JsonObject body = response.json();
    assertThat(body.getString("error")).isEqualTo(code);
    assertThat(body.getString("message")).isNotBlank();
  }
}
