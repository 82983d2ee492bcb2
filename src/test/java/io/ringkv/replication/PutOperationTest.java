package io.ringkv.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.ring.PreferenceList;
import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import io.ringkv.version.VersionVector;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The write state machine: over the sloppy preference list with replicas that fail on cue, and
 * while a partition moves, with W acks needed in the replica set of each ring.
 */
class PutOperationTest {

  private static final ObjectRef OBJECT = new ObjectRef("b", "k".getBytes(StandardCharsets.UTF_8), 3);

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Nested
  class SloppyQuorum {

    private static final PreferenceList LIST =
        new PreferenceList(3, List.of("a", "b", "c"), List.of("d", "e"));
    private static final SiblingSet STORED =
        SiblingSet.empty()
            .coordinate("a@1", VersionVector.empty(), new byte[] {1}, "text/plain", false, 1L, ConflictMode.SIBLINGS);

    /** The copies the operation handed to the coordinator's last resort (coordinator hints). */
    private final List<ReplicaTarget> keptByTheCoordinator = new CopyOnWriteArrayList<>();

    private Future<SiblingSet> put(ScriptedReplicas replicas, Set<String> seenDown, int w, int pw) {
      SloppyPreferenceList sloppy = SloppyPreferenceList.of(LIST, node -> !seenDown.contains(node));
      sloppy.exclude("a");
      List<ReplicaTarget> others =
          sloppy.targets().stream().filter(target -> !target.node().equals("a")).toList();
      return new PutOperation(
              vertx, replicas, ReplicationListener.NONE, OBJECT, STORED, ReplicaTarget.primary("a"),
              others, List.of(sloppy.owners()), sloppy::replace, keptByTheCoordinator::add, w, pw,
              ConflictMode.SIBLINGS, false, 2_000)
          .run();
    }

    private static Throwable failureOf(Future<?> future) throws Exception {
      try {
        future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        throw new AssertionError("expected the write to fail");
      } catch (java.util.concurrent.ExecutionException e) {
        return e.getCause();
      }
    }

    @Test
    void a_primary_that_fails_mid_flight_is_replaced_by_a_fallback_holding_its_hint() throws Exception {
      ScriptedReplicas replicas = new ScriptedReplicas().failing("b");

      put(replicas, Set.of(), 3, 0).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

      assertThat(replicas.writes).contains(new ScriptedReplicas.Write("d", "b"));
      assertThat(keptByTheCoordinator).as("a stand-in took the copy").isEmpty();
    }

    @Test
    void an_owner_seen_down_gets_its_hint_on_a_fallback_from_the_start() throws Exception {
      ScriptedReplicas replicas = new ScriptedReplicas();

      put(replicas, Set.of("c"), 3, 0).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

      assertThat(replicas.writes).containsExactlyInAnyOrder(
          new ScriptedReplicas.Write("b", null), new ScriptedReplicas.Write("d", "c"));
    }

    @Test
    void a_replacement_that_fails_too_is_replaced_in_turn_until_the_fallbacks_run_out() throws Exception {
      ScriptedReplicas replicas = new ScriptedReplicas().failing("b", "d", "e");

      Throwable failure = failureOf(put(replicas, Set.of(), 3, 0));

      assertThat(failure).isInstanceOf(QuorumNotReachedException.class);
      assertThat(((QuorumNotReachedException) failure).required()).hasValue(3);
      assertThat(replicas.writes).contains(
          new ScriptedReplicas.Write("d", "b"), new ScriptedReplicas.Write("e", "b"), new ScriptedReplicas.Write("c", null));
      assertThat(keptByTheCoordinator).extracting(ReplicaTarget::owner)
          .as("the copy for b, which no fallback kept, goes to the coordinator").containsExactly("b");
    }

    @Test
    void acks_from_fallbacks_never_count_toward_pw() throws Exception {
      ScriptedReplicas replicas = new ScriptedReplicas().failing("b");

      Throwable failure = failureOf(put(replicas, Set.of(), 2, 3));

      assertThat(failure).isInstanceOf(QuorumNotReachedException.class).hasMessageContaining("pw");
      assertThat(((QuorumNotReachedException) failure).required()).hasValue(3);
    }

    @Test
    void pw_is_met_by_the_owners_that_ack_whatever_the_fallbacks_do() throws Exception {
      ScriptedReplicas replicas = new ScriptedReplicas().failing("d");

      put(replicas, Set.of("c"), 3, 2).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

      assertThat(replicas.writes).contains(new ScriptedReplicas.Write("e", "c"));
    }
  }

  @Nested
  class MovingPartition {

    /** Each replica's answer, completed by the test. */
    private final Map<String, Promise<SiblingSet>> answers = new ConcurrentHashMap<>();

    private final ReplicaCalls replicas = new ReplicaCalls() {
      @Override
      public Future<SiblingSet> read(String nodeId, ObjectRef ref) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Future<SiblingSet> readWithHints(String nodeId, ObjectRef ref, List<String> owners) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Future<SiblingSet> write(
          String nodeId, ObjectRef ref, SiblingSet siblings, ConflictMode mode, boolean replyWithMerged) {
        return answers.computeIfAbsent(nodeId, id -> Promise.promise()).future();
      }

      @Override
      public Future<SiblingSet> writeHint(
          String nodeId, String owner, ObjectRef ref, SiblingSet siblings, ConflictMode mode, boolean replyWithMerged) {
        throw new AssertionError("no hints while a partition moves");
      }

      @Override
      public Future<WriteResult> forward(String nodeId, WriteCommand command) {
        throw new UnsupportedOperationException();
      }
    };

    /** The coordinator is a, every other owner of either set a primary target, no stand-ins. */
    private Future<SiblingSet> put(List<List<String>> replicaSets) {
      List<ReplicaTarget> others =
          replicaSets.stream().flatMap(List::stream).distinct()
              .filter(node -> !node.equals("a"))
              .map(ReplicaTarget::primary)
              .toList();
      return new PutOperation(
              vertx, replicas, ReplicationListener.NONE, OBJECT, SiblingSet.empty(), ReplicaTarget.primary("a"),
              others, replicaSets, PutOperation.NO_STAND_INS, PutOperation.KEEP_NOTHING, 2, 1,
              ConflictMode.SIBLINGS, false, 5_000)
          .run();
    }

    private void ack(String node) {
      answers.computeIfAbsent(node, id -> Promise.promise()).complete(SiblingSet.empty());
    }

    private void fail(String node) {
      answers.computeIfAbsent(node, id -> Promise.promise()).fail("down");
    }

    @Test
    void with_one_replica_set_w_acks_answer_the_client() {
      Future<SiblingSet> answer = put(List.of(List.of("a", "b", "c")));
      assertThat(answer.isComplete()).isFalse();
      ack("b");
      assertThat(answer.succeeded()).isTrue();
    }

    @Test
    void while_a_partition_moves_the_write_goes_to_both_sets_and_needs_w_in_each() {
      // a, b, c before the change; a, b, d after: c's role goes to d.
      Future<SiblingSet> answer = put(List.of(List.of("a", "b", "c"), List.of("a", "d", "b")));
      ack("c");
      assertThat(answer.isComplete()).as("two acks before the change, one after").isFalse();
      ack("d");
      assertThat(answer.succeeded()).isTrue();
      assertThat(answers).containsOnlyKeys("b", "c", "d");
    }

    @Test
    void a_set_that_cannot_reach_w_fails_the_write_with_its_own_count() {
      Future<SiblingSet> answer = put(List.of(List.of("a", "b", "c"), List.of("d", "e", "b")));
      ack("c");
      fail("d");
      fail("e");
      assertThat(answer.failed()).isTrue();
      QuorumNotReachedException failure = (QuorumNotReachedException) answer.cause();
      assertThat(failure.answered()).hasValue(0);
      assertThat(failure.required()).hasValue(2);
      assertThat(answers).as("no fallback stands in").containsOnlyKeys("b", "c", "d", "e");
    }

    @Test
    void the_coordinator_counts_only_in_the_sets_it_belongs_to() {
      Future<SiblingSet> answer = put(List.of(List.of("b", "c", "d"), List.of("a", "b", "c")));
      ack("b");
      assertThat(answer.isComplete()).as("a counts after the change only").isFalse();
      ack("c");
      assertThat(answer.succeeded()).isTrue();
    }
  }
}
