package io.ringkv.api.http;

import static io.ringkv.api.http.ErrorRepliesTest.assertError;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.replication.RequestError;
import io.ringkv.replication.RequestException;
import io.ringkv.testing.BlockedThreadWatch;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BlockedThreadWatch.class)
@Timeout(30)
class AdminAndHealthRoutesTest {

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
  void pingAndLivenessAnswer200() {
    assertThat(api.raw(GET, "/ping").status()).isEqualTo(200);
    assertThat(api.raw(GET, "/health/live").status()).isEqualTo(200);
  }

  @Test
  void readinessFollowsTheNode() {
    api.admin.ready = false;
    assertError(api.raw(GET, "/health/ready"), 503, "not_ready");

    api.admin.ready = true;
    assertThat(api.raw(GET, "/health/ready").status()).isEqualTo(200);
  }

  @Test
  void withoutAMetricsHandlerMetricsIs404() {
    assertError(api.raw(GET, "/metrics"), 404, "not_found");
  }

  @Test
  void theMetricsHandlerServesMetrics() {
    try (ApiUnderTest withMetrics =
        new ApiUnderTest(
            HttpApiOptions.defaults()
                .withMetricsHandler(
                    ctx ->
                        ctx.response()
                            .putHeader("Content-Type", "text/plain")
                            .end("ringkv_up 1\n")))) {
      ApiUnderTest.RawResponse metrics = withMetrics.raw(GET, "/metrics");

      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.body().toString()).isEqualTo("ringkv_up 1\n");
    }
  }

  @Test
  void clusterStateIsServedAsTheAdminViewShapesIt() {
    api.admin.members =
        new JsonObject(
            "{\"members\":[{\"id\":\"n1\",\"peerAddress\":\"h:7071\",\"httpAddress\":\"h:8081\",\"grpcAddress\":\"h:9091\","
                + "\"rack\":\"r1\",\"state\":\"up\",\"membership\":\"member\",\"partitions\":256}]}");
    api.admin.ring =
        new JsonObject(
            "{\"partitionCount\":2,\"partitions\":[{\"partition\":0,\"owner\":\"n1\",\"replicas\":[\"n1\"]}],"
                + "\"pendingTransfers\":[{\"partition\":1,\"from\":\"n1\",\"to\":\"n2\"}]}");
    api.admin.hints = new JsonObject("{\"pending\":12,\"byTarget\":{\"n1\":12}}");
    api.admin.antiEntropy = new JsonObject("{\"exchanges\":3}");

    assertJson("/admin/members", api.admin.members);
    assertJson("/admin/ring", api.admin.ring);
    assertJson("/admin/hints", api.admin.hints);
    assertJson("/admin/anti-entropy", api.admin.antiEntropy);
  }

  @Test
  void thePreferenceListIsForTheDecodedBucketAndKey() {
    JsonObject answer = api.raw(GET, "/admin/preference-list?bucket=my+bucket&key=a%2Fb%C3%A9").json();

    assertThat(answer.getString("bucket")).isEqualTo("my bucket");
    assertThat(Base64.getDecoder().decode(answer.getString("keyBase64")))
        .isEqualTo("a/bé".getBytes(StandardCharsets.UTF_8));
    assertThat(api.raw(GET, "/admin/preference-list?key=k").json().getString("bucket"))
        .isEqualTo("default");
  }

  @Test
  void aPreferenceListNeedsAKey() {
    assertError(api.raw(GET, "/admin/preference-list?bucket=b"), 400, "bad_key");
    assertError(api.raw(GET, "/admin/preference-list?bucket=b&key="), 400, "bad_key");
    assertError(api.raw(GET, "/admin/preference-list?bucket=&key=k"), 400, "bad_bucket");
  }

  @Test
  void theLocalCopyIsServedOr404() {
    JsonObject stored =
        new JsonObject(
            "{\"partition\":17,\"siblings\":[{\"value\":\"dg==\",\"contentType\":\"text/plain\",\"deleted\":false}],\"context\":\"AQ\"}");
    api.admin.localCopies.put(
        ScriptedAdminView.localAddress("b", "x/y".getBytes(StandardCharsets.UTF_8)), stored);

    assertJson("/admin/local/b/x%2Fy", stored);
    assertError(api.raw(GET, "/admin/local/b/absent"), 404, "not_found");
    assertError(api.raw(GET, "/admin/local/b/"), 400, "bad_key");
  }

  @Test
  void joinAsksTheNodeToJoinThroughTheSeed() {
    ApiUnderTest.RawResponse response = post("/admin/join", "{\"seed\":\"10.0.0.1:7071\"}");

    assertThat(response.status()).isEqualTo(202);
    assertThat(api.admin.joins).containsExactly("10.0.0.1:7071");
  }

  @Test
  void joinNeedsASeedAddress() {
    for (String body :
        new String[] {
          "", "{}", "{\"seed\":7071}", "{\"seed\":\"host\"}", "{\"seed\":\"host:99999\"}", "nope"
        }) {
      assertError(post("/admin/join", body), 400, "bad_request");
    }
    assertThat(api.admin.joins).isEmpty();
  }

  @Test
  void leaveAsksTheNodeToLeave() {
    assertThat(post("/admin/leave", "").status()).isEqualTo(202);
    assertThat(api.admin.leaves.get()).isEqualTo(1);
  }

  @Test
  void repairStartsAPassAndAnswers202WithWhatWasQueued() {
    ApiUnderTest.RawResponse response = post("/admin/repair", "");

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.json()).isEqualTo(new JsonObject().put("exchanges", 32));
    assertThat(api.admin.repairs.get()).isEqualTo(1);
  }

  @Test
  void aRepairTheNodeRefusesIsAJsonError() {
    api.admin.repairAnswer =
        Future.failedFuture(new RequestException(RequestError.BAD_REQUEST, "anti-entropy is disabled on this node"));

    assertError(post("/admin/repair", ""), 400, "bad_request");
  }

  private void assertJson(String uri, JsonObject expected) {
    ApiUnderTest.RawResponse response = api.raw(GET, uri);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(response.json()).isEqualTo(expected);
  }

  private ApiUnderTest.RawResponse post(String uri, String body) {
    return api.raw(POST, uri, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(body));
  }
}
