package io.ringkv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ringkv get|put|delete} run in-process against a fake node's HTTP API. */
@ExtendWith(VertxExtension.class)
class KeyValueCommandsTest {

  private static final String KEY_PATH = "/buckets/default/keys/greeting";
  private static final String CONTEXT = "a85hYGBgzGDKBVIcqU_M";

  private FakeNode node;

  @BeforeEach
  void startNode(Vertx vertx) throws TimeoutException {
    node = FakeNode.start(vertx);
  }

  @Test
  void getPrintsTheContextThenTheValue() {
    node.answer(
        HttpMethod.GET,
        KEY_PATH,
        context ->
            context
                .response()
                .putHeader("Content-Type", "text/plain")
                .putHeader("X-Ringkv-Context", CONTEXT)
                .end("hello\nworld"));

    CliRun run = CliRun.of("get", "--url", node.url(), "greeting");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .isEqualTo(lines("context: " + CONTEXT, "content-type: text/plain", "", "hello", "world"));
    assertThat(run.err()).isEmpty();
  }

  @Test
  void getSendsTheBucketAndTheReadQuorum() {
    node.answer(
        HttpMethod.GET, "/buckets/carts/keys/alice", context -> context.response().end("x"));

    CliRun run = CliRun.of("get", "--url", node.url(), "--bucket", "carts", "alice", "--r", "3");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(node.lastRequest().uri()).isEqualTo("/buckets/carts/keys/alice?r=3");
  }

  @Test
  void getListsEverySiblingOfAMultipleChoicesAnswer() {
    String multipart =
        "--sib\r\n"
            + "Content-Type: text/plain\r\n\r\n"
            + "one\r\n"
            + "--sib\r\n"
            + "Content-Type: application/json\r\n\r\n"
            + "{\"n\":2}\r\n"
            + "--sib\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + "\u0000\u0001\u0002\r\n"
            + "--sib--\r\n";
    node.answer(
        HttpMethod.GET,
        KEY_PATH,
        context ->
            context
                .response()
                .setStatusCode(300)
                .putHeader("Content-Type", "multipart/mixed; boundary=sib")
                .putHeader("X-Ringkv-Context", CONTEXT)
                .end(Buffer.buffer(multipart.getBytes(StandardCharsets.ISO_8859_1))));

    CliRun run = CliRun.of("get", "--url", node.url(), "greeting");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .startsWith(lines("context: " + CONTEXT))
        .contains("siblings: 3")
        .contains(lines("[1] content-type: text/plain", "one"))
        .contains(lines("[2] content-type: application/json", "{\"n\":2}"))
        .contains(lines("[3] content-type: application/octet-stream", "<3 bytes, base64: AAEC>"));
  }

  @Test
  void getWithJsonAsksForJsonAndPrintsIt() {
    JsonObject answer =
        new JsonObject()
            .put("context", CONTEXT)
            .put(
                "siblings",
                new io.vertx.core.json.JsonArray()
                    .add(new JsonObject().put("value", "aGk=").put("contentType", "text/plain")));
    node.answerJson(HttpMethod.GET, KEY_PATH, 200, answer);

    CliRun run = CliRun.of("get", "--url", node.url(), "greeting", "--json");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(node.lastRequest().headers().get("Accept")).isEqualTo("application/json");
    assertThat(new JsonObject(run.out())).isEqualTo(answer);
  }

  @Test
  void getOfAMissingKeyFailsWithExitOneAndNamesTheTombstoneContext() {
    node.answer(
        HttpMethod.GET,
        KEY_PATH,
        context ->
            context
                .response()
                .setStatusCode(404)
                .putHeader("X-Ringkv-Context", CONTEXT)
                .putHeader("Content-Type", "application/json")
                .end(error("not_found", "no value for default/greeting").encode()));

    CliRun run = CliRun.of("get", "--url", node.url(), "greeting");

    assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("not found: default/greeting", CONTEXT);
  }

  @Test
  void a404WithoutRingkvsNotFoundErrorIsNoRingkvNodeAndExitsFour() {
    node.answer(HttpMethod.GET, KEY_PATH, context -> context.response().setStatusCode(404).end("Not Found"));

    CliRun run = CliRun.of("get", "--url", node.url(), "greeting");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(run.err())
        .doesNotContain("not found: default/greeting")
        .contains("HTTP 404", node.url() + KEY_PATH, "not like a ringkv node");
  }

  @Test
  void a404WithAnotherJsonErrorIsNoRingkvNodeEither() {
    node.answerJson(HttpMethod.GET, KEY_PATH, 404, new JsonObject().put("error", "NoSuchKey"));

    CliRun run = CliRun.of("get", "--url", node.url(), "greeting");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(run.err()).contains("not like a ringkv node");
  }

  @Test
  void aUrlWithAPathIsABadCommandLine() {
    CliRun run = CliRun.of("get", "--url", node.url() + "/prefix", "greeting");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains(node.url() + "/prefix", "http://host:port");
  }

  @Test
  void quorumNotReachedPrintsTheNodesMessageAndExitsThree() {
    JsonObject quorum =
        error("quorum_not_reached", "get: 1 of the 2 required replicas answered in time")
            .put("answered", 1)
            .put("required", 2);
    node.answerJson(HttpMethod.GET, KEY_PATH, 503, quorum);

    CliRun run = CliRun.of("get", "--url", node.url(), "greeting");

    assertThat(run.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
    assertThat(run.err())
        .isEqualTo(
            lines(
                "ringkv: get: 1 of the 2 required replicas answered in time"
                    + " (HTTP 503, quorum_not_reached)"));
  }

  @Test
  void aRefusedRequestPrintsTheNodesMessageAndExitsOne() {
    node.answerJson(
        HttpMethod.PUT, KEY_PATH, 413, error("value_too_large", "value is 2 MiB, limit 1 MiB"));

    CliRun run = CliRun.of("put", "--url", node.url(), "greeting", "huge");

    assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(run.err()).contains("value is 2 MiB, limit 1 MiB", "413", "value_too_large");
  }

  @Test
  void aNonJsonServerErrorStillSaysWhatHappened() {
    node.answer(
        HttpMethod.GET, KEY_PATH, context -> context.response().setStatusCode(500).end("boom"));

    CliRun run = CliRun.of("get", "--url", node.url(), "greeting");

    assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(run.err()).isEqualTo(lines("ringkv: HTTP 500: boom"));
  }

  @Test
  void putSendsTheValueContentTypeContextAndWriteQuorumAndPrintsTheNewContext() {
    node.answer(HttpMethod.PUT, KEY_PATH, KeyValueCommandsTest::storedWithNewContext);

    CliRun run =
        CliRun.of(
            "put",
            "--url",
            node.url(),
            "greeting",
            "{\"hi\":1}",
            "--content-type",
            "application/json",
            "--context",
            CONTEXT,
            "--w",
            "3");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    FakeNode.Request put = node.lastRequest();
    assertThat(put.uri()).isEqualTo(KEY_PATH + "?w=3");
    assertThat(put.body().toString()).isEqualTo("{\"hi\":1}");
    assertThat(put.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(put.headers().get("X-Ringkv-Context")).isEqualTo(CONTEXT);
    assertThat(run.out()).contains("context: new-context");
  }

  @Test
  void putOfAFileSendsItsBytesAsOctetStream(@TempDir Path directory) throws Exception {
    Path file = Files.write(directory.resolve("blob"), new byte[] {0, (byte) 0xff, 7});
    node.answer(HttpMethod.PUT, KEY_PATH, KeyValueCommandsTest::storedWithNewContext);

    CliRun run = CliRun.of("put", "--url", node.url(), "greeting", "--file", file.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(node.lastRequest().body().getBytes()).containsExactly(0, 0xff, 7);
    assertThat(node.lastRequest().headers().get("Content-Type"))
        .isEqualTo("application/octet-stream");
    assertThat(node.lastRequest().headers().get("X-Ringkv-Context")).as("blind write").isNull();
  }

  @Test
  void deleteSendsTheContext() {
    node.answer(
        HttpMethod.DELETE, KEY_PATH, context -> context.response().setStatusCode(204).end());

    CliRun run = CliRun.of("delete", "--url", node.url(), "greeting", "--context", CONTEXT);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(node.requests()).as("no read: the context says what to delete").hasSize(1);
    assertThat(node.lastRequest().method()).isEqualTo(HttpMethod.DELETE);
    assertThat(node.lastRequest().headers().get("X-Ringkv-Context")).isEqualTo(CONTEXT);
    assertThat(run.out()).isEqualTo(lines("deleted default/greeting"));
  }

  @Test
  void deleteWithoutAContextReadsTheKeyFirstAndDeletesWhatItRead() {
    JsonObject read = new JsonObject()
        .put("context", CONTEXT)
        .put("siblings", new io.vertx.core.json.JsonArray().add(new JsonObject().put("value", "aGk=")));
    node.answer(HttpMethod.GET, KEY_PATH, context -> context.response()
            .putHeader("Content-Type", "application/json")
            .putHeader("X-Ringkv-Context", CONTEXT)
            .end(read.encode()))
        .answer(HttpMethod.DELETE, KEY_PATH, context -> context.response().setStatusCode(204).end());

    CliRun run = CliRun.of("delete", "--url", node.url(), "greeting");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(node.requests()).extracting(FakeNode.Request::method).containsExactly(HttpMethod.GET, HttpMethod.DELETE);
    assertThat(node.lastRequest().headers().get("X-Ringkv-Context")).as("the read's context").isEqualTo(CONTEXT);
    assertThat(run.out()).isEqualTo(lines("deleted default/greeting: the value read just before (context " + CONTEXT + ")"));
  }

  @Test
  void deleteOfAMissingKeySendsNoDeleteAndSaysNotFound() {
    node.answerJson(HttpMethod.GET, KEY_PATH, 404, error("not_found", "no value for this key"));

    CliRun run = CliRun.of("delete", "--url", node.url(), "greeting");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(node.requests()).extracting(FakeNode.Request::method).containsExactly(HttpMethod.GET);
    assertThat(run.err()).contains("not found: default/greeting");
  }

  @Test
  void keysAndBucketsArePercentEncodedInThePath() {
    node.answer(HttpMethod.GET, "/*", context -> context.response().end("x"));

    CliRun run = CliRun.of("get", "--url", node.url(), "-b", "my bucket", "a/b?ü");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(node.lastRequest().uri()).isEqualTo("/buckets/my%20bucket/keys/a%2Fb%3F%C3%BC");
  }

  @Test
  void anUnreachableNodeIsOneClearLineAndExitFour(Vertx vertx) throws TimeoutException {
    int closedPort = portNobodyListensOn(vertx);

    CliRun run = CliRun.of("get", "--url", "http://127.0.0.1:" + closedPort, "greeting");

    assertThat(run.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(run.err())
        .isEqualTo(
            lines(
                "ringkv: cannot reach a ringkv node at http://127.0.0.1:"
                    + closedPort
                    + ": connection refused"));
  }

  @Test
  void badUsageExitsTwoWithPicocliMessage() {
    assertThat(CliRun.of("get").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(CliRun.of("get", "k", "--r", "two").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(CliRun.of("get", "--url", "ftp://x", "k").exitCode()).isEqualTo(ExitCode.USAGE);
    CliRun both = CliRun.of("put", "k", "v", "--file", "f");
    assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(both.err()).startsWith("give the value either as VALUE or with --file");
    assertThat(CliRun.of("put", "k").exitCode()).isEqualTo(ExitCode.USAGE);
  }

  private static void storedWithNewContext(RoutingContext context) {
    context.response().setStatusCode(204).putHeader("X-Ringkv-Context", "new-context").end();
  }

  private static JsonObject error(String code, String message) {
    return new JsonObject().put("error", code).put("message", message);
  }

  /** A port that was free a moment ago: bound, read, closed. */
  private static int portNobodyListensOn(Vertx vertx) throws TimeoutException {
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(r -> {})
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
    int port = server.actualPort();
    server.close().await(10, TimeUnit.SECONDS);
    return port;
  }

  static String lines(String... lines) {
    return String.join(System.lineSeparator(), lines) + System.lineSeparator();
  }
}
