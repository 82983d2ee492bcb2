package io.ringkv.api.http;

import static io.ringkv.api.http.ErrorRepliesTest.assertError;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.testing.BlockedThreadWatch;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BlockedThreadWatch.class)
@Timeout(30)
class BucketPropsRoutesTest {

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
  void aBucketNeverConfiguredHasTheDefaults() {
    ApiUnderTest.RawResponse response = api.raw(GET, "/buckets/fresh/props");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(response.json())
        .isEqualTo(new JsonObject("{\"n\":3,\"r\":2,\"w\":2,\"conflict\":\"siblings\"}"));
  }

  @Test
  void aPartialPutChangesOnlyTheFieldsGiven() {
    assertThat(putProps("users", "{\"n\":5,\"conflict\":\"lww\"}").status()).isEqualTo(204);

    assertThat(api.raw(GET, "/buckets/users/props").json())
        .isEqualTo(new JsonObject("{\"n\":5,\"r\":2,\"w\":2,\"conflict\":\"lww\"}"));
    assertThat(api.raw(GET, "/buckets/other/props").json().getInteger("n")).isEqualTo(3);
  }

  @Test
  void theNewPropsGovernTheKeyRoutes() {
    assertError(api.raw(GET, "/buckets/wide/keys/k?r=5"), 400, "bad_quorum");

    putProps("wide", "{\"n\":5}");

    assertThat(api.raw(GET, "/buckets/wide/keys/k?r=5").status()).isEqualTo(404);
  }

  @Test
  void aBucketNameIsDecodedOnce() {
    putProps("a%2Fb", "{\"w\":3}");

    assertThat(api.buckets.props("a/b").w()).isEqualTo(3);
  }

  @Test
  void anUnknownFieldAWrongTypeOrAnInconsistentChangeIsABadRequest() {
    String[] invalid = {
      "{\"n\":3,\"dw\":1}",
      "{\"n\":\"3\"}",
      "{\"r\":1.5}",
      "{\"w\":null}",
      "{\"n\":99999999999}",
      "{\"conflict\":\"newest\"}",
      "{\"conflict\":1}",
      "{\"r\":4}",
      "{\"n\":0}",
      "[1,2]",
      "not json",
      ""
    };
    for (String body : invalid) {
      assertError(putProps("b", body), 400, "bad_request");
    }
    assertThat(api.buckets.props("b")).isEqualTo(io.ringkv.cluster.BucketProps.DEFAULTS);
  }

  @Test
  void aBodyThatIsNotAJsonObjectIsRefusedInFewWordsWithoutTheParsersInternals() {
    assertThat(message(putProps("b", "notjson")))
        .isEqualTo("props must be a JSON object: unrecognized token 'notjson' at line 1, column 8");
    assertThat(message(putProps("b", "{\"n\": 3")))
        .startsWith("props must be a JSON object: unexpected end-of-input at line 1, column ");
    assertThat(message(putProps("b", "[1,2]"))).isEqualTo("props must be a JSON object: got an array");
    assertThat(message(putProps("b", ""))).isEqualTo("props must be a JSON object: the body is empty");
  }

  @Test
  void aBucketNameOver1024BytesIsABadBucket() {
    assertError(api.raw(GET, "/buckets/" + "b".repeat(1025) + "/props"), 400, "bad_bucket");
  }

  private static String message(ApiUnderTest.RawResponse refused) {
    assertError(refused, 400, "bad_request");
    return refused.json().getString("message");
  }

  private ApiUnderTest.RawResponse putProps(String bucket, String json) {
    return api.raw(
        PUT,
        "/buckets/" + bucket + "/props",
        MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json"),
        Buffer.buffer(json));
  }
}
