package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bucket properties spread by gossip: a node that was down when they changed catches up. */
class BucketPropsGossipTest {

  @Test
  void a_node_down_during_a_props_change_has_the_new_props_soon_after_it_restarts() throws Exception {
    try (TestCluster cluster = TestCluster.start(3); HttpKv kv = new HttpKv()) {
      cluster.stop(2);
      var set = kv.send(HttpMethod.PUT, cluster.url(0) + "/buckets/tuned/props", "application/json",
          Buffer.buffer("{\"r\":1,\"w\":3}"));
      assertThat(set.status()).isEqualTo(204);

      cluster.restart(2);
      var props = Eventually.get(
          () -> kv.send(HttpMethod.GET, cluster.url(2) + "/buckets/tuned/props", null, null).json(),
          json -> json.getInteger("r") == 1,
          Duration.ofSeconds(10));
      assertThat(props.getInteger("w")).isEqualTo(3);
    }
  }
}
