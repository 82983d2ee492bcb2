package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.cluster.PartitionMove;
import io.ringkv.cluster.RingState;
import io.ringkv.node.Node;
import io.ringkv.replication.ObjectRef;
import io.ringkv.ring.Ring;
import io.ringkv.version.Sibling;
import io.ringkv.version.SiblingSetCodec;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Dynamo's incremental scalability, checked end to end: a fourth node joins a loaded three-node
 * cluster and later one of the founders leaves, while a client keeps writing new keys and reading
 * acknowledged ones through the members. Neither change may fail a request (every node stays up,
 * so R and W can always be met), lose an acknowledged write, or leave a key unreadable; the ring
 * must end balanced, and the join must move about the moved partitions' share of the data.
 *
 * <p>The cluster holds {@value #DEFAULT_KEYS} keys of 100 bytes before the join, not the 100,000
 * of the issue: loading 100,000 keys through three in-JVM nodes on a shared 2-core machine takes
 * minutes, and this test should stay near two. {@code -Dringkv.test.joinKeys=100000} runs the full
 * size (the README reports such a run).
 */
class JoinAndLeaveUnderLoadTest {

  private static final int DEFAULT_KEYS = 20_000;
  private static final int KEYS = Integer.getInteger("ringkv.test.joinKeys", DEFAULT_KEYS);
  private static final int PARTITIONS = 64;
  private static final int N = 3;
  private static final Duration CHANGE_DEADLINE = Duration.ofSeconds(120);

  @Test
  void a_node_joins_and_another_leaves_under_load_without_a_failed_request_or_a_lost_write() throws Exception {
    try (TestCluster cluster =
            TestCluster.start(3, config -> config.partitions(PARTITIONS).requestTimeoutMillis(5_000));
        ContinuousClient client = new ContinuousClient()) {
      long started = System.nanoTime();
      client.load(KEYS, 64, () -> urls(cluster, Set.of()), 100);
      System.out.printf("loaded %d keys in %.1f s%n", KEYS, (System.nanoTime() - started) / 1e9);

      // Join: n4 joins while the client works through every node, n4 included once it is up.
      Ring before = stableRing(cluster.node(0));
      Map<String, Map<Integer, Long>> bytesBefore = partitionBytes(cluster);
      long receivedBefore = bytesReceived(cluster);
      client.start(4, () -> urls(cluster, Set.of()));
      long joinStarted = System.nanoTime();
      cluster.join("n4");
      Ring afterJoin = awaitStableEverywhere(cluster, Set.of("n1", "n2", "n3", "n4"));
      System.out.printf("join settled in %.1f s%n", (System.nanoTime() - joinStarted) / 1e9);
      client.stop();
      checkNoFailureNoLoss(cluster, client, afterJoin);
      reportBytesMoved(before, afterJoin, bytesBefore, partitionBytes(cluster), bytesReceived(cluster) - receivedBefore);

      // Leave: n1 (the founder and claimant) hands everything over and stops by itself.
      Node leaver = cluster.node(cluster.indexOf("n1"));
      client.start(4, () -> urls(cluster, Set.of("n1")));
      long leaveStarted = System.nanoTime();
      var leave = new HttpKv();
      assertThat(leave.send(HttpMethod.POST, "http://" + leaver.info().httpAddress() + "/admin/leave", null, null).status())
          .isEqualTo(202);
      leave.close();
      TestCluster.await(leaver.terminated());
      Ring afterLeave = awaitStableEverywhere(cluster, Set.of("n2", "n3", "n4"));
      System.out.printf("leave settled in %.1f s%n", (System.nanoTime() - leaveStarted) / 1e9);
      client.stop();
      checkNoFailureNoLoss(cluster, client, afterLeave);
    }
  }

  private static void checkNoFailureNoLoss(TestCluster cluster, ContinuousClient client, Ring ring) throws Exception {
    System.out.printf("client: %d writes, %d reads during the change%n", client.writes(), client.reads());
    assertThat(client.failures()).as("requests that failed during the change").isEmpty();
    assertThat(client.writes()).isPositive();
    assertBalanced(ring);
    assertEveryKeyOnAQuorumOfItsReplicas(cluster, client.acknowledged(), ring);
    List<String> urls = urls(cluster, Set.of());
    List<String> wrong = client.verifyAll(urls, 64);
    assertThat(wrong).as("acknowledged keys unreadable through the members (key i through member i mod %d)", urls.size())
        .isEmpty();
  }

  /** Every partition count within ±1 of Q/S (all weights are 1). */
  private static void assertBalanced(Ring ring) {
    double share = (double) PARTITIONS / ring.members().size();
    for (String member : ring.members().keySet()) {
      assertThat((double) ring.ownedCount(member)).as("partitions of %s", member)
          .isBetween(Math.floor(share), Math.ceil(share));
    }
  }

  /**
   * Every acknowledged key is stored, with its value, on at least W = 2 of its N replicas in the
   * final ring, which every member holds: so a read at R = 2 through any member meets it. The
   * replicas that must hold a key are read straight from their stores.
   */
  private static void assertEveryKeyOnAQuorumOfItsReplicas(TestCluster cluster, Map<String, String> acknowledged, Ring ring) {
    Map<String, Node> byId = cluster.nodes().stream()
        .filter(node -> ring.isMember(node.info().id()))
        .collect(Collectors.toMap(node -> node.info().id(), node -> node));
    int onEveryReplica = 0;
    List<String> underReplicated = new java.util.ArrayList<>();
    for (Map.Entry<String, String> write : acknowledged.entrySet()) {
      byte[] key = write.getKey().getBytes(StandardCharsets.UTF_8);
      int partition = ring.scheme().partitionOf(ContinuousClient.BUCKET, key);
      byte[] storageKey = new ObjectRef(ContinuousClient.BUCKET, key, partition).storageKey();
      int holding = 0;
      for (String replica : ring.preferenceList(partition, N).primaries()) {
        byte[] stored = byId.get(replica).store().get(partition, storageKey);
        if (stored != null && holds(stored, write.getValue())) {
          holding++;
        }
      }
      if (holding == N) {
        onEveryReplica++;
      } else if (holding < 2) {
        underReplicated.add(write.getKey() + " on " + holding + " replicas");
      }
    }
    System.out.printf("%d of %d acknowledged keys on all %d replicas%n", onEveryReplica, acknowledged.size(), N);
    assertThat(underReplicated).as("acknowledged keys on fewer than W replicas").isEmpty();
  }

  private static boolean holds(byte[] stored, String value) {
    return SiblingSetCodec.decode(stored).siblings().stream()
        .map(Sibling::value)
        .anyMatch(bytes -> new String(bytes, StandardCharsets.UTF_8).equals(value));
  }

  /**
   * Bytes received by transfers against the bytes the moved replica roles held before the join
   * (both counted as storage keys plus stored sibling sets), and against all replicas' bytes. What
   * the client wrote during the join adds to the transfer only until a partition's snapshot is
   * taken, so the bytes the gaining replicas hold afterwards bound it from above.
   */
  private static void reportBytesMoved(
      Ring before,
      Ring after,
      Map<String, Map<Integer, Long>> bytesBefore,
      Map<String, Map<Integer, Long>> bytesAfter,
      long bytesReceived) {
    List<PartitionMove> moves = RingState.initial(before, N).handoff(after, N).moves();
    long movedBefore = moves.stream()
        .mapToLong(move -> bytesBefore.get(move.source()).getOrDefault(move.partition(), 0L))
        .sum();
    long movedAfter = moves.stream()
        .mapToLong(move -> bytesAfter.get(move.target()).getOrDefault(move.partition(), 0L))
        .sum();
    long total = bytesBefore.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    System.out.printf(
        "join moved %d of %d replica roles (%.1f%%); bytes received %d, moved roles held %d before (ratio %.3f)"
            + " and %d after; %.1f%% of all replica bytes before the join (%d)%n",
        moves.size(), PARTITIONS * N, 100.0 * moves.size() / (PARTITIONS * N), bytesReceived, movedBefore,
        (double) bytesReceived / movedBefore, movedAfter, 100.0 * bytesReceived / total, total);
    // Anything far outside means partitions moved twice, or not at all.
    assertThat(bytesReceived).as("bytes moved").isBetween((long) (0.95 * movedBefore), (long) (1.05 * movedAfter));
  }

  private static Map<String, Map<Integer, Long>> partitionBytes(TestCluster cluster) {
    Map<String, Map<Integer, Long>> bytes = new HashMap<>();
    for (Node node : cluster.nodes()) {
      Map<Integer, Long> byPartition = new HashMap<>();
      for (int partition : node.store().partitions()) {
        long[] sum = {0};
        node.store().forEach(partition, (key, value) -> sum[0] += key.length + value.length);
        byPartition.put(partition, sum[0]);
      }
      bytes.put(node.info().id(), byPartition);
    }
    return bytes;
  }

  private static long bytesReceived(TestCluster cluster) {
    return cluster.nodes().stream().mapToLong(node -> node.transfers().stats().bytesReceived()).sum();
  }

  private static Ring stableRing(Node node) {
    RingState state = node.membership().ringState();
    assertThat(state.isStable()).isTrue();
    return state.to();
  }

  /** Waits until every running member holds the same stable ring over exactly these members. */
  private static Ring awaitStableEverywhere(TestCluster cluster, Set<String> members) throws Exception {
    List<RingState> states = Eventually.get(
        () -> cluster.nodes().stream()
            .filter(node -> members.contains(node.info().id()))
            .map(node -> node.membership().ringState())
            .toList(),
        all -> all.size() == members.size()
            && all.stream().allMatch(state -> state != null && state.isStable()
                && state.members().equals(new TreeSet<>(members))
                && state.equals(all.get(0))),
        CHANGE_DEADLINE);
    return states.get(0).to();
  }

  /** The HTTP URLs of the running nodes but those excluded. */
  private static List<String> urls(TestCluster cluster, Set<String> excluded) {
    return cluster.nodes().stream()
        .filter(node -> !excluded.contains(node.info().id()))
        .filter(node -> !node.terminated().isComplete() && node.membership().isReady())
        .map(node -> "http://" + node.info().httpAddress())
        .toList();
  }
}
