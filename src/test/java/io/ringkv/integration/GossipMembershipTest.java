package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.cluster.Membership;
import io.ringkv.cluster.NodeEntry;
import io.ringkv.cluster.RingState;
import io.ringkv.node.LocalCluster;
import io.ringkv.node.Node;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Gossip in an in-JVM cluster with the default interval (1 s) and phi threshold (8): nodes that
 * know only one seed find each other, and joins that happen at the same moment end in one ring.
 */
class GossipMembershipTest {

  @Test
  void five_nodes_with_one_seed_all_list_each_other_as_up_then_two_simultaneous_joins_converge() throws Exception {
    try (TestCluster cluster = TestCluster.start(1); HttpKv kv = new HttpKv()) {
      String seed = cluster.node(0).info().peerAddress();
      long started = System.nanoTime();
      startAll(cluster, seed, "n2", "n3", "n4", "n5");
      Set<String> five = Set.of("n1", "n2", "n3", "n4", "n5");
      for (Node node : cluster.nodes()) {
        Eventually.get(
            () -> upMembers(kv, node),
            up -> up.equals(new TreeSet<>(five)),
            Duration.ofSeconds(10) .minusNanos(System.nanoTime() - started));
      }
      System.out.printf("5 nodes, 1 seed: every node lists all five as up after %.1f s%n", (System.nanoTime() - started) / 1e9);
      awaitOneRing(cluster, five);

      startAll(cluster, seed, "n6", "n7");
      Set<String> seven = Set.of("n1", "n2", "n3", "n4", "n5", "n6", "n7");
      RingState ring = awaitOneRing(cluster, seven);
      Map<String, Membership> allMembers = new TreeMap<>();
      seven.forEach(id -> allMembers.put(id, Membership.MEMBER));
      for (Node node : cluster.nodes()) {
        Eventually.get(() -> memberships(node), allMembers::equals, Duration.ofSeconds(10));
        assertThat(node.membership().ringState()).isEqualTo(ring);
      }
      assertThat(ring.to().members().keySet()).containsExactlyInAnyOrderElementsOf(seven);
    }
  }

  /** Every node's membership as this node's gossip table has it. */
  private static Map<String, Membership> memberships(Node node) {
    return node.membership().entries().stream()
        .collect(Collectors.toMap(NodeEntry::id, NodeEntry::membership, (a, b) -> a, TreeMap::new));
  }

  /** Starts nodes at the same moment, each knowing only the seed. */
  private static void startAll(TestCluster cluster, String seed, String... ids) throws Exception {
    List<Future<Void>> joined = new ArrayList<>();
    for (String id : ids) {
      LocalCluster.Started node = cluster.startNode(id, config -> config.seeds(List.of(seed)));
      joined.add(node.ready());
    }
    TestCluster.await(Future.all(joined));
  }

  private static Set<String> upMembers(HttpKv kv, Node node) throws Exception {
    JsonObject members =
        kv.send(HttpMethod.GET, "http://" + node.info().httpAddress() + "/admin/members", null, null).json();
    return members.getJsonArray("members").stream()
        .map(JsonObject.class::cast)
        .filter(member -> "up".equals(member.getString("state")))
        .map(member -> member.getString("id"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Waits until every node holds the same stable ring over exactly these members. */
  private static RingState awaitOneRing(TestCluster cluster, Set<String> members) throws Exception {
    List<RingState> states = Eventually.get(
        () -> cluster.nodes().stream().map(node -> node.membership().ringState()).toList(),
        all -> all.stream().allMatch(state -> state != null && state.isStable()
            && state.members().equals(new TreeSet<>(members)) && state.equals(all.get(0))),
        Duration.ofSeconds(60));
    return states.get(0);
  }
}
