package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.node.Node;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The failure detector with its defaults (1 s gossip rounds, phi threshold 8): a stopped node is
 * down for every other node within 10 s, and up again within 10 s of its restart. Down never
 * changes the ring.
 */
class FailureDetectionTest {

  private static final Duration LIMIT = Duration.ofSeconds(10);

  @Test
  void a_stopped_node_is_down_everywhere_within_10_s_and_up_again_within_10_s_of_its_restart() throws Exception {
    try (TestCluster cluster = TestCluster.start(5)) {
      awaitEveryoneSees(cluster, "n5", true, Duration.ofSeconds(30));
      long ringVersion = cluster.node(0).membership().ringState().version();

      cluster.stop(4);
      long stopped = System.nanoTime();
      awaitEveryoneSees(cluster, "n5", false, LIMIT);
      System.out.printf("n5 down everywhere %.1f s after it stopped%n", (System.nanoTime() - stopped) / 1e9);

      long restarting = System.nanoTime();
      cluster.restart(4);
      awaitEveryoneSees(cluster, "n5", true, LIMIT);
      System.out.printf("n5 up everywhere %.1f s after its restart began%n", (System.nanoTime() - restarting) / 1e9);

      for (Node node : cluster.nodes()) {
        assertThat(node.membership().ringState().version()).as("ring of %s", node.info().id()).isEqualTo(ringVersion);
      }
    }
  }

  private static void awaitEveryoneSees(TestCluster cluster, String id, boolean up, Duration limit) throws Exception {
    List<Node> observers = cluster.nodes().stream().filter(node -> !node.info().id().equals(id)).toList();
    Eventually.get(
        () -> observers.stream().filter(node -> node.membership().isUp(id) != up).map(node -> node.info().id()).toList(),
        List::isEmpty,
        limit);
  }
}
