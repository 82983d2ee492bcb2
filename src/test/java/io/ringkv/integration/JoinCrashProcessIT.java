package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.testing.CrowdedJvm;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The join of a fourth node with real {@code java -jar} processes, the joiner killed with SIGKILL
 * in the middle of its transfers and started again on the same data directory: the transfers
 * resume from the saved cursors (what was received before the kill is not pulled again) and
 * complete, while a client keeps writing and reading through the three founders without one
 * failed request, and every acknowledged write is read back through every node at the end.
 *
 * <p>Small pages ({@code --handoff-page-keys 20}) stretch the transfer so the kill lands in it.
 * {@code -Dringkv.test.processJoinKeys} sets how many keys the cluster holds before the join.
 */
class JoinCrashProcessIT {

  private static final int KEYS = Integer.getInteger("ringkv.test.processJoinKeys", 20_000);
  /** Small pages (NodeProcesses already gives every node a patient request timeout). */
  private static final List<String> SMALL_PAGES = List.of("--handoff-page-keys", "20");

  /** Four node JVMs and this one, busy with the client, share two cores: loops wait for a core. */
  @Test
  @CrowdedJvm(toleratedMillis = 5_000)
  void a_joining_node_killed_mid_transfer_resumes_and_completes_without_losing_a_write() throws Exception {
    try (NodeProcesses processes = new NodeProcesses(4);
        HttpKv kv = new HttpKv();
        ContinuousClient client = new ContinuousClient()) {
      for (int i = 0; i < 3; i++) {
        processes.start(i, 3, SMALL_PAGES);
      }
      List<String> founders = IntStream.range(0, 3).mapToObj(i -> processes.ports(i).httpUrl()).toList();
      for (int i = 0; i < 3; i++) {
        processes.awaitReady(i, kv, Duration.ofSeconds(60));
      }
      client.load(KEYS, 64, () -> founders, 100);
      client.start(4, () -> founders);

      processes.start(3, 3, SMALL_PAGES);
      String n1 = founders.get(0);
      JsonObject midway = Eventually.get(
          () -> ring(kv, n1),
          ring -> "handoff".equals(ring.getString("phase")) && pending(ring) > 0 && pending(ring) < 12,
          Duration.ofSeconds(90));
      processes.kill(3);
      int pendingAtKill = pending(midway);
      System.out.printf("killed n4 with %d of 12 transfers pending%n", pendingAtKill);

      processes.start(3, 3, SMALL_PAGES);
      String n4 = processes.ports(3).httpUrl();
      processes.awaitReady(3, kv, Duration.ofSeconds(60));
      List<String> everyone = IntStream.range(0, 4).mapToObj(i -> processes.ports(i).httpUrl()).toList();
      JsonObject stable = null;
      for (String url : everyone) {
        stable = Eventually.get(
            () -> ring(kv, url),
            ring -> "stable".equals(ring.getString("phase")) && owners(ring) == 4,
            Duration.ofSeconds(120));
      }
      JsonObject received = ring(kv, n4).getJsonObject("transfers");
      System.out.printf("after the restart n4 received %s%n", received.encode());
      assertThat(received.getLong("partitionsReceived"))
          .as("partitions received after the restart: the ones pending at the kill, not all 12")
          .isLessThan(12)
          .isLessThanOrEqualTo(pendingAtKill);

      client.stop();
      assertThat(client.failures()).as("requests that failed during the join and the crash").isEmpty();
      for (String url : everyone) {
        assertThat(ring(kv, url).getLong("version")).isEqualTo(stable.getLong("version"));
      }
      List<String> wrong = client.verifyAll(everyone, 64);
      assertThat(wrong).as("acknowledged keys unreadable (key i through node i mod 4); n4's log:%n%s", processes.log(3))
          .isEmpty();
      System.out.printf("%d acknowledged keys read back through all four nodes%n", client.acknowledged().size());
    }
  }

  private static JsonObject ring(HttpKv kv, String url) {
    try {
      var response = kv.send(HttpMethod.GET, url + "/admin/ring", null, null);
      return response.status() == 200 ? response.json() : new JsonObject();
    } catch (Exception notListening) {
      return new JsonObject();
    }
  }

  private static int pending(JsonObject ring) {
    return ring.getJsonArray("pendingTransfers", new io.vertx.core.json.JsonArray()).size();
  }

  /** How many distinct nodes own partitions in the ring reads use. */
  private static long owners(JsonObject ring) {
    return ring.getJsonArray("partitions", new io.vertx.core.json.JsonArray()).stream()
        .map(JsonObject.class::cast)
        .map(partition -> partition.getString("owner"))
        .distinct()
        .count();
  }
}
