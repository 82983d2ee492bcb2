package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.ringkv.api.grpc.v1.KeyValueGrpcClient;
import io.ringkv.api.grpc.v1.PutRequest;
import io.ringkv.transport.PeerAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sloppy quorum and hinted handoff on an in-JVM cluster (Dynamo §4.6, DESIGN.md Part A). */
class HintedHandoffTest {

  private TestCluster cluster;
  private final HttpKv kv = new HttpKv();
  private final AdminProbe admin = new AdminProbe(kv);
  private final Set<String> down = new HashSet<>();

  @AfterEach
  void stop() throws Exception {
    kv.close();
    if (cluster != null) {
      cluster.close();
    }
  }

  private static int index(String nodeId) {
    return Integer.parseInt(nodeId.substring(1)) - 1;
  }

  private String url(String nodeId) {
    return cluster.url(index(nodeId));
  }

  /** Stops nodes and waits until every node still up has seen them go (a second or so). */
  private void stopAndAwaitSeenDown(String... nodeIds) throws Exception {
    for (String node : nodeIds) {
      cluster.stop(index(node));
      down.add(node);
    }
    for (int i = 0; i < cluster.nodes().size(); i++) {
      String observer = "n" + (i + 1);
      if (down.contains(observer)) {
        continue;
      }
      for (String node : nodeIds) {
        Eventually.get(() -> admin.seesDown(url(observer), node), seen -> seen);
      }
    }
  }

  private String hintsEverywhere() throws Exception {
    StringBuilder hints = new StringBuilder();
    for (int node = 0; node < cluster.nodes().size(); node++) {
      hints.append("\n  n").append(node + 1).append(": ").append(admin.hints(cluster.url(node)).encode());
    }
    return hints.toString();
  }

  private void restartTogether(List<String> nodeIds) throws Exception {
    cluster.restartTogether(nodeIds.stream().mapToInt(HintedHandoffTest::index).toArray());
    down.removeAll(nodeIds);
  }

  @Test
  void the_seed_scenario_a_down_b_c_and_d_take_the_write_d_hands_it_to_a_and_forgets_it() throws Exception {
    cluster = TestCluster.start(4);
    AdminProbe.Placement placement = admin.placement(cluster.url(0), "cart", "K");
    String a = placement.primaries().get(0);
    String b = placement.primaries().get(1);
    String c = placement.primaries().get(2);
    String d = placement.fallbacks().get(0);
    stopAndAwaitSeenDown(a);

    assertThat(kv.put(url(b), "cart", "K", "v1", null).status()).isEqualTo(204);

    var held = Eventually.get(() -> admin.hints(url(d)), hints -> hints.getLong("pending") == 1);
    assertThat(held.getJsonObject("byTarget").getLong(a)).isEqualTo(1);
    assertThat(admin.localValues(url(b), "cart", "K")).containsExactly("v1");
    assertThat(admin.localValues(url(c), "cart", "K")).containsExactly("v1");
    assertThat(admin.localValues(url(d), "cart", "K")).as("a hint is not in the partition store").isEmpty();

    restartTogether(List.of(a));

    Eventually.get(() -> admin.pendingHints(url(d)), pending -> pending == 0);
    for (String owner : List.of(a, b, c)) {
      assertThat(admin.localValues(url(owner), "cart", "K")).as("on %s", owner).containsExactly("v1");
    }
    assertThat(admin.localValues(url(d), "cart", "K")).isEmpty();
    assertThat(admin.metric(url(d), "ringkv_hints_stored_total")).isEqualTo(1);
    assertThat(admin.metric(url(d), "ringkv_hints_delivered_total")).isEqualTo(1);
    assertThat(admin.metric(url(d), "ringkv_hints_pending")).isZero();
  }

  @Test
  void with_two_of_three_owners_down_every_put_succeeds_and_the_owners_hold_every_write_soon_after_they_return()
      throws Exception {
    // W=2 answers at two copies; the third lands in the background. When that third copy finds no
    // holder (the one owner up times out on a starved machine, or is briefly judged down, and no
    // spare fallback is left), the coordinator keeps it as a hint: the owners must hold every
    // write, not just two of the three. (Without coordinator hints only anti-entropy, off here,
    // would bring it back: CI saw n3 lack a write with no hint anywhere.)
    cluster = TestCluster.start(5, 5_000, config -> config.coordinatorHints(true));
    List<String> keys = keysOwnedByBoth("n1", "n2", 20);
    stopAndAwaitSeenDown("n1", "n2");

    for (int k = 0; k < keys.size(); k++) {
      var put = kv.put(cluster.url(2 + k % 3), "orders", keys.get(k), "value-" + k, null, "w=2");
      assertThat(put.status()).as("put of %s with two of its owners down", keys.get(k)).isEqualTo(204);
    }
    restartTogether(List.of("n1", "n2"));

    Duration deadline = Duration.ofSeconds(30);
    for (int k = 0; k < keys.size(); k++) {
      String key = keys.get(k);
      for (String owner : admin.placement(cluster.url(2), "orders", key).primaries()) {
        try {
          Eventually.get(() -> admin.localValues(url(owner), "orders", key), values -> values.equals(List.of("value-" + keyIndex(keys, key))), deadline);
        } catch (AssertionError missing) {
          throw new AssertionError(owner + " lacks " + key + "; hints held: " + hintsEverywhere(), missing);
        }
      }
    }
    for (int node = 0; node < 5; node++) {
      int n = node;
      Eventually.get(() -> admin.pendingHints(cluster.url(n)), pending -> pending == 0, deadline);
    }
  }

  private static int keyIndex(List<String> keys, String key) {
    return keys.indexOf(key);
  }

  /** Keys whose three owners include both nodes. */
  private List<String> keysOwnedByBoth(String first, String second, int count) throws Exception {
    List<String> keys = new ArrayList<>();
    for (int i = 0; keys.size() < count; i++) {
      String key = "order-" + i;
      List<String> owners = admin.placement(cluster.url(0), "orders", key).primaries();
      if (owners.contains(first) && owners.contains(second)) {
        keys.add(key);
      }
    }
    return keys;
  }

  @Test
  void with_every_owner_down_the_fallbacks_take_the_write_serve_it_and_hand_it_over() throws Exception {
    cluster = TestCluster.start(5);
    AdminProbe.Placement placement = admin.placement(cluster.url(0), "cart", "black-friday");
    List<String> owners = placement.primaries();
    String firstFallback = placement.fallbacks().get(0);
    stopAndAwaitSeenDown(owners.get(0), owners.get(1));
    assertThat(kv.put(url(owners.get(2)), "cart", "black-friday", "v1", null, "w=3").status()).isEqualTo(204);
    stopAndAwaitSeenDown(owners.get(2));

    var read = kv.getJson(url(firstFallback), "cart", "black-friday", "r=2");
    assertThat(read.status()).as("a read with no owner up meets the writes held as hints").isEqualTo(200);
    assertThat(read.siblingValues()).containsExactly("v1");
    var put = kv.put(url(firstFallback), "cart", "black-friday", "v2", read.context(), "w=2");
    assertThat(put.status()).as("always writeable: every owner is down").isEqualTo(204);
    assertThat(kv.getJson(url(placement.fallbacks().get(1)), "cart", "black-friday", "r=2").siblingValues())
        .containsExactly("v2");

    restartTogether(owners);
    // Two fallbacks stood in for the first two owners: they hand v2 over. The third owner had no
    // stand-in for that write: read repair (or anti-entropy) brings it v2.
    for (String owner : owners.subList(0, 2)) {
      Eventually.get(() -> admin.localValues(url(owner), "cart", "black-friday"), values -> values.equals(List.of("v2")),
          Duration.ofSeconds(30));
    }
    // r=3 needs all three owners seen up again, a gossip round or two after their restart.
    var repairingRead = Eventually.get(
        () -> kv.getJson(url(owners.get(2)), "cart", "black-friday", "r=3"), answer -> answer.status() == 200);
    assertThat(repairingRead.siblingValues()).containsExactly("v2");
    Eventually.get(() -> admin.localValues(url(owners.get(2)), "cart", "black-friday"), values -> values.equals(List.of("v2")));
  }

  @Test
  void in_a_three_node_cluster_the_coordinator_keeps_the_hint_for_a_down_owner_and_hands_it_over() throws Exception {
    cluster = TestCluster.start(3, 1_000, config -> config.coordinatorHints(true));
    stopAndAwaitSeenDown("n3");

    assertThat(kv.put(url("n1"), "cart", "K", "v1", null).status()).isEqualTo(204);

    // Every node owns every key: no fallback exists, so n1, the coordinator, keeps the hint.
    var held = admin.hints(url("n1"));
    assertThat(held.getLong("pending")).isEqualTo(1);
    assertThat(held.getJsonObject("byTarget").getLong("n3")).isEqualTo(1);
    assertThat(admin.pendingHints(url("n2"))).isZero();

    restartTogether(List.of("n3"));

    Eventually.get(() -> admin.localValues(url("n3"), "cart", "K"), values -> values.equals(List.of("v1")));
    Eventually.get(() -> admin.pendingHints(url("n1")), pending -> pending == 0);
  }

  @Test
  void an_owner_whose_write_fails_gets_it_from_the_coordinators_hint_once_the_link_heals() throws Exception {
    cluster = TestCluster.start(3, 1_000, config -> config.coordinatorHints(true));
    String n3 = cluster.node(index("n3")).info().peerAddress();
    cluster.links(index("n1")).cut(n3);

    // n3 is still seen up (the failure detector has not judged yet) or already down: either way
    // its copy has no fallback to go to, so the coordinator keeps it.
    assertThat(kv.put(url("n1"), "cart", "K", "v1", null, "w=2").status()).isEqualTo(204);
    Eventually.get(() -> admin.hints(url("n1")).getJsonObject("byTarget").getLong("n3", 0L), held -> held == 1);
    assertThat(admin.localValues(url("n3"), "cart", "K")).as("the cut link kept the write from n3").isEmpty();

    cluster.links(index("n1")).heal(n3);

    Eventually.get(() -> admin.localValues(url("n3"), "cart", "K"), values -> values.equals(List.of("v1")));
    Eventually.get(() -> admin.pendingHints(url("n1")), pending -> pending == 0);
  }

  @Test
  void with_two_of_three_nodes_down_a_w2_put_is_refused_with_503_and_stores_nothing() throws Exception {
    // Coordinator hints on: a refused write leaves no hint either.
    cluster = TestCluster.start(3, 1_000, config -> config.coordinatorHints(true));
    stopAndAwaitSeenDown("n2", "n3");

    var put = kv.put(cluster.url(0), "cart", "lonely", "v", null, "w=2");

    assertThat(put.status()).isEqualTo(503);
    assertThat(put.json().getString("error")).isEqualTo("quorum_not_reached");
    assertThat(put.json().getInteger("answered")).isEqualTo(1);
    assertThat(put.json().getInteger("required")).isEqualTo(2);
    assertThat(admin.localValues(cluster.url(0), "cart", "lonely")).isEmpty();
    assertThat(admin.pendingHints(cluster.url(0))).isZero();
  }

  @Test
  void pw_counts_only_true_owners_a_fallback_makes_w_but_never_pw_over_http_and_grpc() throws Exception {
    cluster = TestCluster.start(3);
    var props = kv.send(HttpMethod.PUT, cluster.url(0) + "/buckets/pairs/props", "application/json",
        Buffer.buffer("{\"n\":2,\"r\":1,\"w\":2,\"conflict\":\"siblings\"}"));
    assertThat(props.status()).isEqualTo(204);
    AdminProbe.Placement placement = admin.placement(cluster.url(0), "pairs", "k");
    String up = placement.primaries().get(1);
    Eventually.get(() -> admin.placement(url(up), "pairs", "k").primaries(), owners -> owners.size() == 2);
    stopAndAwaitSeenDown(placement.primaries().get(0));

    assertThat(kv.put(url(up), "pairs", "k", "v", null, "w=2").status()).as("sloppy: owner + fallback").isEqualTo(204);
    var strict = kv.put(url(up), "pairs", "k", "v2", null, "w=2&pw=2");

    assertThat(strict.status()).isEqualTo(503);
    assertThat(strict.json().getString("error")).isEqualTo("quorum_not_reached");
    assertThat(strict.json().getInteger("answered")).isEqualTo(1);
    assertThat(strict.json().getInteger("required")).isEqualTo(2);
    assertThat(grpcPutStatus(up, "pairs", "k", 2, 0)).isEqualTo(GrpcStatus.OK);
    assertThat(grpcPutStatus(up, "pairs", "k", 2, 2)).isEqualTo(GrpcStatus.UNAVAILABLE);
  }

  /** The status of a gRPC Put through a node: OK, or the status it failed with. */
  private GrpcStatus grpcPutStatus(String nodeId, String bucket, String key, int w, int pw) throws Exception {
    Vertx vertx = Vertx.vertx();
    GrpcClient grpc = GrpcClient.client(vertx);
    try {
      KeyValueGrpcClient node =
          KeyValueGrpcClient.create(grpc, PeerAddresses.parse(cluster.node(index(nodeId)).info().grpcAddress()));
      PutRequest put =
          PutRequest.newBuilder()
              .setBucket(bucket)
              .setKey(ByteString.copyFromUtf8(key))
              .setValue(ByteString.copyFromUtf8("over grpc"))
              .setW(w)
              .setPw(pw)
              .build();
      TestCluster.await(node.put(put));
      return GrpcStatus.OK;
    } catch (ExecutionException e) {
      return ((InvalidStatusException) e.getCause()).actualStatus();
    } finally {
      TestCluster.await(grpc.close());
      TestCluster.await(vertx.close());
    }
  }

  @Test
  void hints_older_than_the_window_are_dropped_and_counted() throws Exception {
    cluster = TestCluster.start(4, 1_000, config -> config.hintWindowMillis(1_500));
    AdminProbe.Placement placement = admin.placement(cluster.url(0), "cart", "stale");
    String fallback = placement.fallbacks().get(0);
    stopAndAwaitSeenDown(placement.primaries().get(0));

    assertThat(kv.put(url(placement.primaries().get(1)), "cart", "stale", "v", null).status()).isEqualTo(204);
    Eventually.get(() -> admin.pendingHints(url(fallback)), pending -> pending == 1);

    Eventually.get(() -> admin.pendingHints(url(fallback)), pending -> pending == 0);
    assertThat(admin.metric(url(fallback), "ringkv_hints_dropped_total")).isEqualTo(1);
    assertThat(admin.metric(url(fallback), "ringkv_hints_delivered_total")).isZero();
  }
}
