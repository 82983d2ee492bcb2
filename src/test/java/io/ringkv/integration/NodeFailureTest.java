package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Quorums with nodes down (strict quorum: sloppy quorum comes with hinted handoff). */
class NodeFailureTest {

  private TestCluster cluster;
  private HttpKv kv;

  @BeforeEach
  void start() throws Exception {
    cluster = TestCluster.start(3);
    kv = new HttpKv();
  }

  @AfterEach
  void stop() throws Exception {
    kv.close();
    cluster.close();
  }

  @Test
  void with_one_node_of_three_down_puts_and_gets_succeed() throws Exception {
    kv.put(cluster.url(0), "b", "before", "v", null);
    cluster.stop(2);

    assertThat(kv.put(cluster.url(0), "b", "during", "v", null).status()).isEqualTo(204);
    assertThat(kv.put(cluster.url(1), "b", "during-2", "v", null).status()).isEqualTo(204);
    assertThat(kv.getJson(cluster.url(1), "b", "during").siblingValues()).containsExactly("v");
    assertThat(kv.getJson(cluster.url(0), "b", "before").siblingValues()).containsExactly("v");
  }

  @Test
  void with_two_nodes_down_a_quorum_write_or_read_answers_503_with_answered_and_required() throws Exception {
    kv.put(cluster.url(0), "b", "k", "v", null);
    cluster.stop(1);
    cluster.stop(2);

    var put = kv.put(cluster.url(0), "b", "k", "v2", null);
    assertThat(put.status()).isEqualTo(503);
    assertThat(put.json().getString("error")).isEqualTo("quorum_not_reached");
    assertThat(put.json().getInteger("answered")).isEqualTo(1);
    assertThat(put.json().getInteger("required")).isEqualTo(2);

    var get = kv.getJson(cluster.url(0), "b", "k");
    assertThat(get.status()).isEqualTo(503);
    assertThat(get.json().getInteger("answered")).isEqualTo(1);
    assertThat(get.json().getInteger("required")).isEqualTo(2);
  }

  @Test
  void a_request_needing_more_replicas_than_are_up_is_refused_saying_how_many_are_up() throws Exception {
    kv.put(cluster.url(0), "b", "k", "v", null);
    cluster.stop(2);
    AdminProbe admin = new AdminProbe(kv);
    Eventually.get(() -> admin.seesDown(cluster.url(0), cluster.node(2).info().id()), seen -> seen);

    var get = kv.getJson(cluster.url(0), "b", "k", "r=3");
    var put = kv.put(cluster.url(0), "b", "k", "v2", null, "w=3");

    for (var refused : List.of(get, put)) {
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.json().getInteger("answered")).as("the two replicas up").isEqualTo(2);
      assertThat(refused.json().getInteger("required")).isEqualTo(3);
      assertThat(refused.json().getString("message")).endsWith("only 2 of the 3 required replicas are up");
    }
  }

  @Test
  void a_silent_replica_makes_the_request_wait_no_longer_than_its_timeout() throws Exception {
    cluster.links(0).cut(cluster.node(1).info().peerAddress());
    cluster.links(0).cut(cluster.node(2).info().peerAddress());

    var put = kv.put(cluster.url(0), "b", "slow", "v", null);
    assertThat(put.status()).isEqualTo(503);
    assertThat(put.json().getInteger("answered")).isEqualTo(1);
  }

  @Test
  void read_repair_gives_a_replica_that_missed_a_write_the_value_after_one_read() throws Exception {
    String missed = cluster.node(2).info().peerAddress();
    cluster.links(0).cut(missed);
    assertThat(kv.put(cluster.url(0), "b", "repair-me", "v", null).status()).isEqualTo(204);
    var before = kv.send(io.vertx.core.http.HttpMethod.GET, cluster.url(2) + "/admin/local/b/repair-me", null, null);
    assertThat(before.status()).as("the cut replica must not have the write yet").isEqualTo(404);
    cluster.links(0).healAll();

    assertThat(kv.getJson(cluster.url(0), "b", "repair-me").siblingValues()).containsExactly("v");

    var after = Eventually.get(
        () -> kv.send(io.vertx.core.http.HttpMethod.GET, cluster.url(2) + "/admin/local/b/repair-me", null, null),
        response -> response.status() == 200);
    assertThat(after.json().getJsonArray("siblings")).hasSize(1);
  }

  @Test
  void a_restarted_node_serves_what_it_stored_before() throws Exception {
    kv.put(cluster.url(0), "b", "durable", "v", null);
    cluster.stop(0);
    cluster.restart(0);

    var local = kv.send(io.vertx.core.http.HttpMethod.GET, cluster.url(0) + "/admin/local/b/durable", null, null);
    assertThat(local.status()).isEqualTo(200);
    assertThat(kv.getJson(cluster.url(0), "b", "durable").siblingValues()).containsExactly("v");
  }
}
