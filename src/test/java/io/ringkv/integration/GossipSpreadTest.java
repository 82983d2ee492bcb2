package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.cluster.Membership;
import io.ringkv.cluster.NodeEntry;
import io.ringkv.node.Node;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import io.ringkv.testing.CrowdedJvm;
import org.junit.jupiter.api.Test;

/**
 * Epidemic spread in 32 in-JVM nodes: the claimant asks to leave, and the change of its membership
 * reaches every other node by gossip rounds alone (a node tells the claimant of its own news at
 * once, but here it is the claimant; and the ring states the claimant pushes carry no entries).
 * Each node starts one exchange per round with a random peer, so the spread should take about
 * log2(32) = 5 rounds, plus a few.
 *
 * <p>The nodes keep their (empty) partitions in memory: 32 nodes each creating Chronicle files at
 * once would starve the event loops of a small machine. The request timeout is 30 s here because it is also the grace before transfers start: a node
 * that completes a transfer tells the claimant at once, in an exchange that would hand it the news
 * outside the rounds being counted.
 */
class GossipSpreadTest {

  private static final int NODES = 32;

  @Test
  @CrowdedJvm
  void a_status_change_reaches_all_32_nodes_in_a_few_rounds_more_than_log2_of_32() throws Exception {
    try (TestCluster cluster = TestCluster.start(NODES, config -> config.partitions(64).requestTimeoutMillis(30_000).inMemoryStorage(true)); HttpKv kv = new HttpKv()) {
      Eventually.get(
          () -> cluster.nodes().stream().filter(node -> node.membership().entries().size() < NODES).count(),
          behind -> behind == 0,
          Duration.ofSeconds(60));
      Node leaver = cluster.node(0);
      String id = leaver.info().id();
      // The claimant is the lowest-id reachable member; on a starved machine n1 may briefly judge a
      // peer unreachable and defer, so wait for its view to settle rather than sample it once.
      Eventually.get(
          () -> leaver.membership().claimantStatus().claimant(), id::equals, Duration.ofSeconds(60));
      Node clock = cluster.node(1);
      long firstRound = clock.membership().rounds();
      assertThat(kv.send(HttpMethod.POST, "http://" + leaver.info().httpAddress() + "/admin/leave", null, null).status())
          .isEqualTo(202);

      List<Node> others = cluster.nodes().subList(1, NODES);
      Eventually.get(
          () -> others.stream().filter(node -> !knowsLeaving(node, id)).count(),
          unaware -> unaware == 0,
          Duration.ofSeconds(30));
      long rounds = clock.membership().rounds() - firstRound;
      System.out.printf("the leave of %s reached all %d other nodes in %d gossip rounds (log2(%d) = 5)%n",
          id, others.size(), rounds, NODES);
      assertThat(rounds).as("gossip rounds for a status change to reach %d nodes", NODES).isLessThanOrEqualTo(15);
    }
  }

  private static boolean knowsLeaving(Node node, String id) {
    return node.membership().entry(id)
        .map(NodeEntry::membership)
        .map(membership -> membership == Membership.LEAVING || membership == Membership.LEFT)
        .orElse(false);
  }
}
