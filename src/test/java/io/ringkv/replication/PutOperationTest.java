package io.ringkv.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.ring.PreferenceList;
import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import io.ringkv.version.VersionVector;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The write state machine over the sloppy preference list, with replicas that fail on cue. */
class PutOperationTest {

  private static final PreferenceList LIST =
      new PreferenceList(3, List.of("a", "b", "c"), List.of("d", "e"));
  private static final ObjectRef OBJECT = new ObjectRef("b", "k".getBytes(StandardCharsets.UTF_8), 3);
  private static final SiblingSet STORED =
      SiblingSet.empty()
          .coordinate("a@1", VersionVector.empty(), new byte[] {1}, "text/plain", false, 1L, ConflictMode.SIBLINGS);

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private Future<SiblingSet> put(ScriptedReplicas replicas, Set<String> seenDown, int w, int pw) {
    SloppyPreferenceList sloppy = SloppyPreferenceList.of(LIST, node -> !seenDown.contains(node));
    sloppy.exclude("a");
    List<ReplicaTarget> others =
        sloppy.targets().stream().filter(target -> !target.node().equals("a")).toList();
    return new PutOperation(
            vertx, replicas, ReplicationListener.NONE, OBJECT, STORED, ReplicaTarget.primary("a"),
            others, sloppy, w, pw, ConflictMode.SIBLINGS, false, 2_000)
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
