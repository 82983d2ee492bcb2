package io.ringkv.cli;

import static io.ringkv.cli.KeyValueCommandsTest.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code ringkv admin ...} run in-process against a fake node's admin endpoints. */
@ExtendWith(VertxExtension.class)
class AdminCommandTest {

  private FakeNode node;

  @BeforeEach
  void startNode(Vertx vertx) throws TimeoutException {
    node = FakeNode.start(vertx);
  }

  @Test
  void statusRendersTheMembersAsATable() {
    JsonObject members =
        new JsonObject()
            .put(
                "members",
                new JsonArray()
                    .add(
                        member("n1", "127.0.0.1:7071", "r1", "up", "member", 86)
                            .put("keys", 1200)
                            .put("bytes", 5_452_595L)
                            .put("hints", 0))
                    .add(member("n2", "127.0.0.1:7072", "r2", "down", "member", 85))
                    .add(member("n3", "127.0.0.1:7073", null, "up", "leaving", 85)));
    node.answerJson(HttpMethod.GET, "/admin/members", 200, members);

    CliRun run = CliRun.of("admin", "--url", node.url(), "status");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out().lines().toList())
        .containsExactly(
            "ID  ADDRESS         RACK  STATE  MEMBERSHIP  PARTITIONS  KEYS  BYTES    HINTS",
            "n1  127.0.0.1:7071  r1    up     member      86 (33.6%)  1200  5.2 MiB  0",
            "n2  127.0.0.1:7072  r2    down   member      85 (33.2%)  -     -        -",
            "n3  127.0.0.1:7073  -     up     leaving     85 (33.2%)  -     -        -",
            "",
            "3 members: 2 up, 1 down");
  }

  @Test
  void theUrlMayAlsoFollowTheSubcommand() {
    node.answerJson(
        HttpMethod.GET, "/admin/members", 200, new JsonObject().put("members", new JsonArray()));

    CliRun run = CliRun.of("admin", "status", "--url", node.url());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).contains("0 members: 0 up, 0 down");
  }

  @Test
  void ringPrintsTheOwnersSixteenToALineAndThePendingTransfers() {
    List<String> owners = List.of("n1", "n2", "n3");
    JsonArray partitions = new JsonArray();
    for (int p = 0; p < 20; p++) {
      partitions.add(
          new JsonObject()
              .put("partition", p)
              .put("owner", owners.get(p % 3))
              .put("replicas", new JsonArray().add(owners.get(p % 3))));
    }
    JsonObject ring =
        new JsonObject()
            .put("partitionCount", 20)
            .put("partitions", partitions)
            .put(
                "pendingTransfers",
                new JsonArray()
                    .add(new JsonObject().put("partition", 7).put("from", "n2").put("to", "n4")));
    node.answerJson(HttpMethod.GET, "/admin/ring", 200, ring);

    CliRun run = CliRun.of("admin", "--url", node.url(), "ring");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out().lines().toList())
        .containsExactly(
            "partitions: 20",
            " 0: n1 n2 n3 n1 n2 n3 n1 n2 n3 n1 n2 n3 n1 n2 n3 n1",
            "16: n2 n3 n1 n2",
            "owned: n1=7 n2=7 n3=6",
            "pending transfers: 1",
            "PARTITION  FROM  TO",
            "7          n2    n4");
  }

  @Test
  void joinPostsTheSeed() {
    node.answer(
        HttpMethod.POST, "/admin/join", context -> context.response().setStatusCode(202).end());

    CliRun run = CliRun.of("admin", "--url", node.url(), "join", "10.0.0.1:7071");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(node.lastRequest().body().toJsonObject())
        .isEqualTo(new JsonObject().put("seed", "10.0.0.1:7071"));
    assertThat(run.out()).contains("join requested");
  }

  @Test
  void aJoinWhoseSeedDidNotAnswerPrintsTheNodesWordsAndExitsUnavailable() {
    String message = "seed 10.0.0.1:7071 did not answer: connection refused";
    node.answerJson(
        HttpMethod.POST,
        "/admin/join",
        503,
        new JsonObject().put("error", "seed_unreachable").put("message", message));

    CliRun run = CliRun.of("admin", "--url", node.url(), "join", "10.0.0.1:7071");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.UNAVAILABLE);
    assertThat(run.err()).contains("ringkv: " + message);
  }

  @Test
  void leavePostsToLeave() {
    node.answer(
        HttpMethod.POST, "/admin/leave", context -> context.response().setStatusCode(202).end());

    CliRun run = CliRun.of("admin", "--url", node.url(), "leave");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(node.lastRequest().uri()).isEqualTo("/admin/leave");
    assertThat(run.out()).contains("leave requested");
  }

  @Test
  void aRefusedJoinExitsWithTheNodesReason() {
    node.answerJson(
        HttpMethod.POST,
        "/admin/join",
        503,
        new JsonObject()
            .put("error", "not_ready")
            .put("message", "ring not ready: n3 is unreachable"));

    CliRun run = CliRun.of("admin", "--url", node.url(), "join", "10.0.0.1:7071");

    assertThat(run.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
    assertThat(run.err()).contains("ring not ready: n3 is unreachable");
  }

  @Test
  void hintsPrintsThePendingCountPerTarget() {
    node.answerJson(
        HttpMethod.GET,
        "/admin/hints",
        200,
        new JsonObject()
            .put("pending", 12)
            .put("byTarget", new JsonObject().put("n2", 2).put("n1", 10)));

    CliRun run = CliRun.of("admin", "--url", node.url(), "hints");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .isEqualTo(lines("pending hints: 12", "TARGET  HINTS", "n1      10", "n2      2"));
  }

  @Test
  void repairOnANodeWithoutItSaysSoAndExitsOne() {
    CliRun run = CliRun.of("admin", "--url", node.url(), "repair");

    assertThat(node.lastRequest().method()).isEqualTo(HttpMethod.POST);
    assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(run.err()).isEqualTo(lines("ringkv: repair is not available on this node yet"));
  }

  @Test
  void anAnswerThatIsNotJsonIsReportedNotPrintedAsAnEmptyTable() {
    node.answer(HttpMethod.GET, "/admin/members", context -> context.response().end("<html>"));

    CliRun run = CliRun.of("admin", "--url", node.url(), "status");

    assertThat(run.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(run.err()).contains("not a JSON object");
  }

  @Test
  void badUsageExitsTwo() {
    assertThat(CliRun.of("admin").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(CliRun.of("admin", "explode").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(CliRun.of("admin", "join").exitCode())
        .as("join without a seed")
        .isEqualTo(ExitCode.USAGE);
  }

  private static JsonObject member(
      String id, String peerAddress, String rack, String state, String membership, int partitions) {
    JsonObject member =
        new JsonObject()
            .put("id", id)
            .put("peerAddress", peerAddress)
            .put("httpAddress", "127.0.0.1:808" + id.charAt(1))
            .put("grpcAddress", "127.0.0.1:909" + id.charAt(1))
            .put("state", state)
            .put("membership", membership)
            .put("partitions", partitions);
    return rack == null ? member : member.put("rack", rack);
  }
}
