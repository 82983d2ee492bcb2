package io.ringkv.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Write quorums while a partition moves: W acks in the replica set of each ring. */
class PutOperationTest {

  private final Vertx vertx = Vertx.vertx();
  private final ObjectRef object = new ObjectRef("b", new byte[] {1}, 0);
  /** Each replica's answer, completed by the test. */
  private final Map<String, Promise<SiblingSet>> answers = new ConcurrentHashMap<>();

  private final ReplicaCalls replicas = new ReplicaCalls() {
    @Override
    public Future<SiblingSet> read(String nodeId, ObjectRef ref) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<SiblingSet> write(
        String nodeId, ObjectRef ref, SiblingSet siblings, ConflictMode mode, boolean replyWithMerged) {
      return answers.computeIfAbsent(nodeId, id -> Promise.promise()).future();
    }

    @Override
    public Future<WriteResult> forward(String nodeId, WriteCommand command) {
      throw new UnsupportedOperationException();
    }
  };

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private Future<SiblingSet> put(List<List<String>> replicaSets) {
    return new PutOperation(
            vertx, replicas, ReplicationListener.NONE, object, SiblingSet.empty(), "a", replicaSets, 2, 1,
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
