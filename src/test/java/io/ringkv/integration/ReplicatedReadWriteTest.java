package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.version.ContextCodec;
import io.ringkv.version.VersionVector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A 3-node cluster at N=3, R=2, W=2: reads, writes, siblings and merges through any node. */
class ReplicatedReadWriteTest {

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
  void a_put_through_any_node_is_read_back_through_every_other_node() throws Exception {
    for (int writer = 0; writer < 3; writer++) {
      String key = "cart-" + writer;
      var put = kv.put(cluster.url(writer), "carts", key, "value-from-n" + (writer + 1), null);
      assertThat(put.status()).isEqualTo(204);
      assertThat(put.context()).isNotBlank();
      for (int reader = 0; reader < 3; reader++) {
        var get = kv.getJson(cluster.url(reader), "carts", key);
        assertThat(get.status()).as("read of %s through node %d", key, reader).isEqualTo(200);
        assertThat(get.siblingValues()).containsExactly("value-from-n" + (writer + 1));
      }
    }
  }

  @Test
  void two_puts_with_the_same_context_through_the_same_node_make_two_siblings() throws Exception {
    String context = kv.put(cluster.url(0), "carts", "same-node", "v0", null).context();
    kv.put(cluster.url(0), "carts", "same-node", "v1", context);
    kv.put(cluster.url(0), "carts", "same-node", "v2", context);

    var get = kv.getJson(cluster.url(1), "carts", "same-node");
    assertThat(get.siblingValues()).containsExactly("v1", "v2");
  }

  @Test
  void two_puts_with_the_same_context_through_two_nodes_make_two_siblings() throws Exception {
    String context = kv.put(cluster.url(0), "carts", "two-nodes", "v0", null).context();
    kv.put(cluster.url(1), "carts", "two-nodes", "left", context);
    kv.put(cluster.url(2), "carts", "two-nodes", "right", context);

    assertThat(kv.getJson(cluster.url(0), "carts", "two-nodes").siblingValues())
        .containsExactly("left", "right");
  }

  @Test
  void a_put_with_the_joined_context_resolves_siblings_to_one_value() throws Exception {
    String context = kv.put(cluster.url(0), "carts", "merge", "v0", null).context();
    kv.put(cluster.url(1), "carts", "merge", "left", context);
    kv.put(cluster.url(2), "carts", "merge", "right", context);
    var siblings = kv.getJson(cluster.url(0), "carts", "merge");
    assertThat(siblings.siblingValues()).hasSize(2);

    kv.put(cluster.url(2), "carts", "merge", "left+right", siblings.context());

    for (int reader = 0; reader < 3; reader++) {
      assertThat(kv.getJson(cluster.url(reader), "carts", "merge").siblingValues())
          .containsExactly("left+right");
    }
  }

  @Test
  void a_blind_put_on_an_existing_key_adds_a_sibling() throws Exception {
    kv.put(cluster.url(0), "carts", "blind", "first", null);
    kv.put(cluster.url(1), "carts", "blind", "second", null);

    var siblings = kv.getJson(cluster.url(2), "carts", "blind");
    assertThat(siblings.status()).as("siblings are 300 in the JSON form too").isEqualTo(300);
    assertThat(siblings.siblingValues()).containsExactly("first", "second");
  }

  @Test
  void the_300_response_lists_each_sibling_as_a_part_with_its_content_type() throws Exception {
    kv.put(cluster.url(0), "carts", "multipart", "alpha", null);
    kv.put(cluster.url(1), "carts", "multipart", "beta", null);

    var response =
        kv.send(io.vertx.core.http.HttpMethod.GET, cluster.url(2) + HttpKv.keyPath("carts", "multipart"), null, null);
    assertThat(response.status()).isEqualTo(300);
    assertThat(response.headers().get("Content-Type")).startsWith("multipart/mixed");
    assertThat(response.context()).isNotBlank();
    String body = response.body().toString();
    assertThat(body).contains("alpha").contains("beta").contains("text/plain");
  }

  @Test
  void bucket_props_set_through_one_node_hold_on_every_node() throws Exception {
    var set =
        kv.send(
            io.vertx.core.http.HttpMethod.PUT,
            cluster.url(0) + "/buckets/tuned/props",
            "application/json",
            io.vertx.core.buffer.Buffer.buffer("{\"n\":3,\"r\":1,\"w\":3}"));
    assertThat(set.status()).isEqualTo(204);
    for (int node = 0; node < 3; node++) {
      var props = kv.send(io.vertx.core.http.HttpMethod.GET, cluster.url(node) + "/buckets/tuned/props", null, null);
      assertThat(props.json().getInteger("r")).as("r on node %d", node).isEqualTo(1);
      assertThat(props.json().getInteger("w")).as("w on node %d", node).isEqualTo(3);
      assertThat(props.json().getString("conflict")).isEqualTo("siblings");
    }
  }

  @Test
  void a_last_write_wins_bucket_keeps_only_the_latest_write() throws Exception {
    kv.send(
        io.vertx.core.http.HttpMethod.PUT,
        cluster.url(1) + "/buckets/lww/props",
        "application/json",
        io.vertx.core.buffer.Buffer.buffer("{\"conflict\":\"lww\"}"));
    kv.put(cluster.url(0), "lww", "k", "older", null);
    awaitNextMillisecond(); // distinct timestamps: the test is about order, not clock resolution
    kv.put(cluster.url(1), "lww", "k", "newer", null);

    for (int reader = 0; reader < 3; reader++) {
      assertThat(kv.getJson(cluster.url(reader), "lww", "k").siblingValues()).containsExactly("newer");
    }
  }

  @Test
  void a_delete_makes_the_key_not_found_with_the_tombstone_context() throws Exception {
    String context = kv.put(cluster.url(0), "carts", "gone", "v", null).context();
    assertThat(kv.delete(cluster.url(1), "carts", "gone", context).status()).isEqualTo(204);

    var get = kv.getJson(cluster.url(2), "carts", "gone");
    assertThat(get.status()).isEqualTo(404);
    assertThat(get.json().getString("error")).isEqualTo("not_found");
    assertThat(get.context()).isNotBlank();
  }

  @Test
  void a_delete_without_a_context_deletes_what_the_coordinator_reads_first() throws Exception {
    kv.put(cluster.url(0), "carts", "forget-me", "one", null);
    kv.put(cluster.url(1), "carts", "forget-me", "two", null);

    assertThat(kv.delete(cluster.url(2), "carts", "forget-me", null).status()).isEqualTo(204);

    assertThat(kv.getJson(cluster.url(0), "carts", "forget-me").status())
        .as("both siblings were read, so both are deleted")
        .isEqualTo(404);
    assertThat(kv.delete(cluster.url(1), "carts", "never-written", null).status()).isEqualTo(204);
  }

  @Test
  void a_key_never_written_is_not_found_with_the_empty_context_and_a_put_with_it_is_blind() throws Exception {
    var get = kv.getJson(cluster.url(0), "carts", "never");
    assertThat(get.status()).isEqualTo(404);
    assertThat(get.context()).isEqualTo(ContextCodec.toHeader(VersionVector.empty()));

    kv.put(cluster.url(1), "carts", "never", "first", null);
    assertThat(kv.put(cluster.url(2), "carts", "never", "second", get.context()).status()).isEqualTo(204);
    assertThat(kv.getJson(cluster.url(0), "carts", "never").siblingValues())
        .as("a write with the empty context overwrites nothing, as a blind one")
        .containsExactly("first", "second");
  }

  @Test
  void a_delete_with_a_stale_context_concurrent_with_a_put_leaves_the_put_alive() throws Exception {
    String stale = kv.put(cluster.url(0), "carts", "race", "v0", null).context();
    kv.put(cluster.url(1), "carts", "race", "v1", stale);
    kv.delete(cluster.url(2), "carts", "race", stale);

    var get = kv.getJson(cluster.url(0), "carts", "race");
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.siblingValues()).containsExactly("v1");
  }

  @Test
  void the_put_context_covers_only_the_writers_own_write() throws Exception {
    // A concurrent sibling the writer never saw must survive the writer's next write.
    kv.put(cluster.url(0), "carts", "unseen", "other-client", null);
    String mine = kv.put(cluster.url(1), "carts", "unseen", "mine-1", null).context();
    kv.put(cluster.url(1), "carts", "unseen", "mine-2", mine);

    assertThat(kv.getJson(cluster.url(2), "carts", "unseen").siblingValues())
        .containsExactly("mine-2", "other-client");
  }

  private static void awaitNextMillisecond() {
    long now = System.currentTimeMillis();
    while (System.currentTimeMillis() == now) {
      Thread.onSpinWait();
    }
  }
}
