package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.cluster.RingState;
import io.ringkv.node.LocalCluster;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code ringkv admin join SEED}: a node started without seeds is a cluster of its own; asked to
 * join, it gives that up (if it stores nothing) and becomes a member of the seed's cluster.
 */
class AdminJoinTest {

  @Test
  void a_node_started_alone_joins_a_cluster_when_asked_and_refuses_while_it_stores_keys() throws Exception {
    try (TestCluster cluster = TestCluster.start(3); HttpKv kv = new HttpKv()) {
      String seed = cluster.node(0).info().peerAddress();
      LocalCluster.Started alone = cluster.startNode("n4", List.of(), config -> config);
      TestCluster.await(alone.ready());
      String url = "http://" + alone.node().info().httpAddress();
      assertThat(alone.node().membership().ringState().members()).containsExactly("n4");

      // One node: every key has one replica, so writes ask for w=1.
      assertThat(kv.put(url, "b", "mine", "v", null, "w=1").status()).isEqualTo(204);
      var refused = join(kv, url, seed);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.json().getString("message")).contains("stores 1 keys");

      alone.node().store().dropPartition(alone.node().membership().ring().scheme().partitionOf("b", "mine".getBytes()));
      assertThat(join(kv, url, seed).status()).isEqualTo(202);

      RingState joined = Eventually.get(
          () -> cluster.node(0).membership().ringState(),
          state -> state.isStable() && state.members().equals(Set.of("n1", "n2", "n3", "n4")),
          Duration.ofSeconds(30));
      Eventually.get(() -> alone.node().membership().ringState(), joined::equals, Duration.ofSeconds(10));
      assertThat(kv.put(url, "b", "after", "v", null).status()).isEqualTo(204);
      assertThat(kv.getJson(cluster.url(1), "b", "after").siblingValues()).containsExactly("v");
    }
  }

  private static HttpKv.Response join(HttpKv kv, String url, String seed) throws Exception {
    return kv.send(HttpMethod.POST, url + "/admin/join", "application/json",
        Buffer.buffer(new JsonObject().put("seed", seed).encode()));
  }
}
