package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.cluster.RingState;
import io.ringkv.node.LocalCluster;
import io.ringkv.node.Node;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Membership changes that must be refused or must change nothing: a node of another cluster or
 * with another partition count, a join asked twice, a leave that would leave fewer than N nodes.
 */
class MembershipBadInputTest {

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

  @Test
  void a_join_through_a_seed_nobody_listens_on_is_503_seed_unreachable_in_plain_words() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String seed = "127.0.0.1:" + closedPort;

    var join = kv.send(HttpMethod.POST, cluster.url(0) + "/admin/join", "application/json",
        Buffer.buffer(new JsonObject().put("seed", seed).encode()));

    assertThat(join.status()).as(join.body().toString()).isEqualTo(503);
    assertThat(join.json().getString("error")).isEqualTo("seed_unreachable");
    assertThat(join.json().getString("message")).isEqualTo("seed " + seed + " did not answer: connection refused");
  }

  @Test
  void a_node_of_another_cluster_is_refused_with_a_clear_message_and_never_listed() throws Exception {
    assertStrangerRefused("stranger", config -> config.clusterName("other"), "belongs to cluster 'other'");
  }

  @Test
  void a_node_with_another_partition_count_is_refused_with_a_clear_message_and_never_listed() throws Exception {
    assertStrangerRefused("wide", config -> config.partitions(2 * TestCluster.PARTITIONS), "partitions, this cluster has");
  }

  private void assertStrangerRefused(
      String id, java.util.function.UnaryOperator<io.ringkv.node.NodeConfig.Builder> difference, String reason)
      throws Exception {
    String seed = cluster.node(0).info().peerAddress();
    LocalCluster.Started stranger = cluster.startNode(id, List.of(seed), difference);
    String url = "http://" + stranger.node().info().httpAddress();

    // Gossip is refused: the stranger shows why, and knows no ring.
    JsonObject members = Eventually.get(
        () -> kv.send(HttpMethod.GET, url + "/admin/members", null, null).json(),
        json -> json.containsKey("refused"),
        Duration.ofSeconds(10));
    assertThat(members.getJsonObject("refused").getString(seed)).contains(reason);
    assertThat(kv.send(HttpMethod.GET, url + "/health/ready", null, null).status()).isEqualTo(503);

    // Asked to join explicitly, it answers 400 with the reason.
    var join = kv.send(HttpMethod.POST, url + "/admin/join", "application/json",
        Buffer.buffer(new JsonObject().put("seed", seed).encode()));
    assertThat(join.status()).isEqualTo(400);
    assertThat(join.json().getString("error")).isEqualTo("bad_request");
    assertThat(join.json().getString("message")).contains(reason);

    // The cluster never lists it, and says why in its own view.
    for (int i = 0; i < 3; i++) {
      assertThat(memberIds(cluster.url(i))).as("members of n%d", i + 1).doesNotContain(id);
    }
    assertThat(kv.send(HttpMethod.GET, cluster.url(0) + "/admin/members", null, null).json()
            .getJsonObject("refused").encode())
        .contains(reason);
    TestCluster.await(stranger.node().stop());
  }

  @Test
  void joining_twice_is_harmless() throws Exception {
    RingState before = cluster.node(1).membership().ringState();
    String seed = cluster.node(0).info().peerAddress();
    for (int attempt = 0; attempt < 2; attempt++) {
      var join = kv.send(HttpMethod.POST, cluster.url(1) + "/admin/join", "application/json",
          Buffer.buffer(new JsonObject().put("seed", seed).encode()));
      assertThat(join.status()).as(join.body().toString()).isEqualTo(202);
    }
    // Several rounds later nothing has changed: same ring everywhere, same members.
    long rounds = cluster.node(0).membership().rounds();
    Eventually.get(() -> cluster.node(0).membership().rounds(), now -> now >= rounds + 3, Duration.ofSeconds(10));
    for (Node node : cluster.nodes().subList(0, 3)) {
      assertThat(node.membership().ringState()).isEqualTo(before);
      assertThat(memberIds("http://" + node.info().httpAddress())).containsExactly("n1", "n2", "n3");
    }
  }

  @Test
  void a_leave_that_would_leave_fewer_than_n_nodes_is_refused_with_the_reason() throws Exception {
    var leave = kv.send(HttpMethod.POST, cluster.url(2) + "/admin/leave", null, null);

    assertThat(leave.status()).isEqualTo(400);
    assertThat(leave.json().getString("error")).isEqualTo("bad_request");
    assertThat(leave.json().getString("message")).contains("cannot leave").contains("fewer than n=3");
    Map<String, String> memberships = memberships(cluster.url(0));
    assertThat(memberships).containsEntry("n3", "member");
  }

  private static Set<String> memberIds(String url) throws Exception {
    return memberships(url).keySet();
  }

  private static Map<String, String> memberships(String url) throws Exception {
    return kv.send(HttpMethod.GET, url + "/admin/members", null, null).json()
        .getJsonArray("members").stream()
        .map(JsonObject.class::cast)
        .collect(Collectors.toMap(
            member -> member.getString("id"), member -> member.getString("membership"), (a, b) -> a,
            java.util.TreeMap::new));
  }
}
