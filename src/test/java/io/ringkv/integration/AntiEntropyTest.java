package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.antientropy.AntiEntropyOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Anti-entropy in a 3-node in-JVM cluster (N=3: every node replicates every partition). No test
 * reads a key through the client API before it checks what anti-entropy did, so read repair cannot
 * be what fixed it; replicas are inspected with {@code /admin/local}, which does not coordinate.
 */
class AntiEntropyTest {

  /** Background exchanges every half second, sweeps every 200 ms, a short grace. */
  private static final AntiEntropyOptions BRISK =
      AntiEntropyOptions.defaults()
          .withExchangeInterval(Duration.ofMillis(500))
          .withTombstoneSweepInterval(Duration.ofMillis(200))
          .withTombstoneGrace(Duration.ofSeconds(2))
          .withBytesPerSecond(64L << 20)
          .withCallTimeout(Duration.ofSeconds(2));

  /** Only an operator's repair starts exchanges (within any test's lifetime). */
  private static final AntiEntropyOptions ON_REPAIR =
      BRISK.withExchangeInterval(Duration.ofDays(1)).withTombstoneSweepInterval(Duration.ofDays(1));

  private TestCluster cluster;
  private final HttpKv kv = new HttpKv();

  @AfterEach
  void stop() throws Exception {
    kv.close();
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void a_node_whose_data_was_wiped_gets_every_key_back_without_a_client_read() throws Exception {
    cluster = TestCluster.start(3, 1_000, ON_REPAIR);
    int keys = 10_000;
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < keys; i++) {
      values.put("key-" + i, "value-" + i);
    }
    kv.putAll(cluster.url(0), "b", values, 64);

    cluster.stop(2);
    cluster.wipe(2);
    cluster.restart(2);
    assertThat(keysStoredOn(2)).as("the wiped node starts empty").isZero();
    long started = System.nanoTime();
    var repair = kv.send(HttpMethod.POST, cluster.url(2) + "/admin/repair", null, null);
    assertThat(repair.status()).isEqualTo(202);
    assertThat(repair.json().getInteger("exchanges")).isEqualTo(2 * TestCluster.PARTITIONS);

    Eventually.get(() -> keysStoredOn(2), stored -> stored == keys, Duration.ofSeconds(60));
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("[anti-entropy] wiped node recovered %,d keys in %.2f s: %,.0f keys/s (repair started by POST /admin/repair)%n",
        keys, seconds, keys / seconds);
    // Every key is counted above; the contents of one key in ten are compared.
    for (int i = 0; i < keys; i += 10) {
      String key = "key-" + i;
      JsonObject local = localCopy(2, "b", key).orElseThrow(() -> new AssertionError(key + " is missing on the wiped node"));
      assertThat(liveValues(local)).as(key).containsExactly(values.get(key));
    }
  }

  @Test
  void a_sibling_present_on_only_one_replica_reaches_the_others_merged_not_overwritten() throws Exception {
    cluster = TestCluster.start(3, 1_000, BRISK);
    String context = kv.put(cluster.url(0), "b", "cart", "v1", null).context();
    Eventually.get(() -> replicasHolding("cart"), holding -> holding == 3);

    // Cut every link (background exchanges too), then write twice with the same context: each
    // write reaches one replica only.
    cutAll();
    assertThat(kv.put(cluster.url(0), "b", "cart", "v2", context, "w=1").status()).isEqualTo(204);
    assertThat(kv.put(cluster.url(1), "b", "cart", "v3", context, "w=1").status()).isEqualTo(204);
    assertThat(liveValues(localCopy(0, "b", "cart").orElseThrow())).containsExactly("v2");
    assertThat(liveValues(localCopy(1, "b", "cart").orElseThrow())).containsExactly("v3");
    assertThat(liveValues(localCopy(2, "b", "cart").orElseThrow())).containsExactly("v1");
    healAll();

    for (int node = 0; node < 3; node++) {
      int replica = node;
      JsonObject merged = Eventually.get(
          () -> localCopy(replica, "b", "cart").orElseThrow(),
          local -> liveValues(local).equals(List.of("v2", "v3")));
      assertThat(merged.getJsonArray("siblings")).as("node %d keeps both concurrent writes", replica + 1).hasSize(2);
    }
  }

  @Test
  void a_key_deleted_while_a_replica_was_down_is_not_resurrected_and_is_purged_once_all_replicas_hold_the_tombstone()
      throws Exception {
    cluster = TestCluster.start(3, 1_000, BRISK);
    int down = 2;
    // A key whose partition the owner (the tombstone sweeper) keeps while node 3 is down.
    String key = keyNotOwnedBy(cluster.node(down).info().id());
    String context = kv.put(cluster.url(0), "b", key, "doomed", null).context();
    Eventually.get(() -> replicasHolding(key), holding -> holding == 3);
    int owner = ownerOf(key);

    cluster.stop(down);
    assertThat(kv.delete(cluster.url(0), "b", key, context).status()).isEqualTo(204);
    long deleted = System.currentTimeMillis();
    Eventually.get(() -> tombstoneOn(0, key) && tombstoneOn(1, key), both -> both);

    // Past the grace period the owner's sweeps run, find node 3 down and hold back: the tombstone stays.
    long sweepsBefore = Eventually.get(() -> sweepAttempts(owner), count -> System.currentTimeMillis() > deleted + 2_500);
    Eventually.get(
        () -> sweepAttempts(owner) > sweepsBefore + 1 || !tombstoneOn(0, key) || !tombstoneOn(1, key), done -> done);
    assertThat(tombstoneOn(0, key)).as("node 1 keeps the tombstone while node 3 is down").isTrue();
    assertThat(tombstoneOn(1, key)).as("node 2 keeps the tombstone while node 3 is down").isTrue();
    assertThat(heldBackSweeps(owner)).isPositive();

    cluster.restart(down);
    assertThat(liveValues(localCopy(down, "b", key).orElseThrow())).as("node 3 comes back with the old value").containsExactly("doomed");

    // Anti-entropy brings node 3 the tombstone, then the owner purges it everywhere. Meanwhile no
    // replica that had the tombstone ever shows the old value again.
    Eventually.get(
        () -> {
          for (int node = 0; node < 3; node++) {
            if (node != down) {
              localCopy(node, "b", key).ifPresent(local ->
                  assertThat(liveValues(local)).as("the old value is back on a replica that had the tombstone").isEmpty());
            }
          }
          return replicasHolding(key);
        },
        holding -> holding == 0,
        Duration.ofSeconds(30));
    for (int node = 0; node < 3; node++) {
      assertThat(kv.getJson(cluster.url(node), "b", key).status()).as("a read through node %d", node + 1).isEqualTo(404);
    }
    assertThat(purgedOn(owner)).isGreaterThanOrEqualTo(1);
  }

  @Test
  void a_tombstone_is_purged_only_after_the_grace_period() throws Exception {
    Duration grace = Duration.ofSeconds(3);
    cluster = TestCluster.start(3, 1_000, BRISK.withTombstoneGrace(grace));
    String context = kv.put(cluster.url(0), "b", "short-lived", "v", null).context();
    Eventually.get(() -> replicasHolding("short-lived"), holding -> holding == 3);

    assertThat(kv.delete(cluster.url(0), "b", "short-lived", context).status()).isEqualTo(204);
    long deleted = System.currentTimeMillis();
    Eventually.get(() -> replicasHolding("short-lived"), holding -> holding == 0, Duration.ofSeconds(30));
    long purgedAfter = System.currentTimeMillis() - deleted;

    System.out.printf("[anti-entropy] tombstone purged on all replicas %d ms after the delete (grace %d ms)%n",
        purgedAfter, grace.toMillis());
    assertThat(purgedAfter).isGreaterThanOrEqualTo(grace.toMillis());
  }

  @Test
  void a_node_publishes_anti_entropy_series_only_while_anti_entropy_runs() throws Exception {
    AdminProbe admin = new AdminProbe(kv);
    cluster = TestCluster.start(2, 1_000, BRISK);
    Eventually.get(() -> admin.metric(cluster.url(0), "ringkv_antientropy_exchanges_total"), exchanges -> exchanges > 0);
    cluster.close();
    cluster = null;

    // Off: no series at all, not a counter stuck at 0 that would read as a stalled anti-entropy.
    cluster = TestCluster.start(2, 1_000, AntiEntropyOptions.disabled());
    assertThat(admin.scrape(cluster.url(0)))
        .contains("ringkv_gossip_rounds_total")
        .doesNotContain("ringkv_antientropy_");
  }

  private void cutAll() {
    for (int from = 0; from < 3; from++) {
      for (int to = 0; to < 3; to++) {
        if (from != to) {
          cluster.links(from).cut(cluster.node(to).info().peerAddress());
        }
      }
    }
  }

  private void healAll() {
    for (int node = 0; node < 3; node++) {
      cluster.links(node).healAll();
    }
  }

  private JsonObject antiEntropy(int node) throws Exception {
    var response = kv.send(HttpMethod.GET, cluster.url(node) + "/admin/anti-entropy", null, null);
    assertThat(response.status()).isEqualTo(200);
    return response.json();
  }

  private long keysStoredOn(int node) throws Exception {
    return antiEntropy(node).getJsonObject("totals").getLong("keys");
  }

  /** Sweeps the node started or held back, whatever came of them. */
  private long sweepAttempts(int node) throws Exception {
    JsonObject totals = antiEntropy(node).getJsonObject("totals");
    return totals.getLong("sweeps") + totals.getLong("sweepsFailed") + totals.getLong("sweepsHeldBack");
  }

  private long heldBackSweeps(int node) throws Exception {
    return antiEntropy(node).getJsonObject("totals").getLong("sweepsHeldBack");
  }

  private long purgedOn(int node) throws Exception {
    return antiEntropy(node).getJsonObject("totals").getLong("tombstonesPurged");
  }

  private java.util.Optional<JsonObject> localCopy(int node, String bucket, String key) throws Exception {
    var response = kv.send(HttpMethod.GET, cluster.url(node) + "/admin/local/" + bucket + "/" + HttpKv.encode(key), null, null);
    if (response.status() == 404) {
      return java.util.Optional.empty();
    }
    assertThat(response.status()).isEqualTo(200);
    return java.util.Optional.of(response.json());
  }

  private int replicasHolding(String key) throws Exception {
    int holding = 0;
    for (int node = 0; node < 3; node++) {
      holding += localCopy(node, "b", key).isPresent() ? 1 : 0;
    }
    return holding;
  }

  private boolean tombstoneOn(int node, String key) throws Exception {
    return localCopy(node, "b", key)
        .map(local -> {
          JsonArray siblings = local.getJsonArray("siblings");
          return !siblings.isEmpty() && siblings.stream().allMatch(s -> ((JsonObject) s).getBoolean("deleted"));
        })
        .orElse(false);
  }

  /** The values of the siblings that are not tombstones, sorted. */
  private static List<String> liveValues(JsonObject local) {
    List<String> values = new ArrayList<>();
    for (Object sibling : local.getJsonArray("siblings")) {
      JsonObject json = (JsonObject) sibling;
      if (!json.getBoolean("deleted")) {
        values.add(new String(Base64.getDecoder().decode(json.getString("value")), StandardCharsets.UTF_8));
      }
    }
    values.sort(String::compareTo);
    return values;
  }

  private int ownerOf(String key) throws Exception {
    var list = kv.send(HttpMethod.GET, cluster.url(0) + "/admin/preference-list?bucket=b&key=" + HttpKv.encode(key), null, null);
    String owner = list.json().getJsonArray("nodes").getJsonObject(0).getString("id");
    for (int node = 0; node < 3; node++) {
      if (cluster.node(node).info().id().equals(owner)) {
        return node;
      }
    }
    throw new AssertionError("no node " + owner);
  }

  private String keyNotOwnedBy(String nodeId) throws Exception {
    for (int i = 0; ; i++) {
      String key = "deleted-" + i;
      var list = kv.send(HttpMethod.GET, cluster.url(0) + "/admin/preference-list?bucket=b&key=" + key, null, null);
      if (!list.json().getJsonArray("nodes").getJsonObject(0).getString("id").equals(nodeId)) {
        return key;
      }
    }
  }
}
