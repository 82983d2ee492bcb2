package io.ringkv.replication;

import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One client write as a small state machine (Dynamo §5): the coordinating replica has already
 * stored the new version (its own ack); send it to the other replicas at once, answer at W acks
 * (of which PW from primary owners), and keep collecting the rest after answering.
 *
 * <p>While partitions move there are two replica sets, the ring's before and after the change:
 * the write goes to both and needs W (and PW) acks in each, so that a read through either ring
 * meets it (Cassandra's pending ranges serve the same end).
 */
final class PutOperation {

  private final Vertx vertx;
  private final ReplicaCalls replicas;
  private final ReplicationListener listener;
  private final ObjectRef object;
  private final SiblingSet stored;
  private final List<String> otherTargets;
  private final List<ReplicaSetQuorum> quorums = new ArrayList<>();
  private final ConflictMode mode;
  private final boolean replyWithMerged;
  private final long deadlineMillis;

  private final Promise<SiblingSet> answer = Promise.promise();
  private SiblingSet merged;
  private long deadlineTimer;

  /** The acks of one replica set. */
  private record ReplicaSetQuorum(List<String> members, QuorumTracker acks, QuorumTracker primaryAcks) {

    void answer(String node, boolean succeeded) {
      if (members.contains(node)) {
        if (succeeded) {
          acks.success();
          primaryAcks.success();
        } else {
          acks.failure();
          primaryAcks.failure();
        }
      }
    }

    boolean reached() {
      return acks.reached() && primaryAcks.reached();
    }

    /** The tracker that cannot be reached any more, or null. */
    QuorumTracker impossible() {
      return acks.impossible() ? acks : primaryAcks.impossible() ? primaryAcks : null;
    }

    QuorumTracker unreached() {
      return acks.reached() ? primaryAcks : acks;
    }
  }

  /**
   * @param stored what the coordinating replica stored (its ack is counted already)
   * @param coordinator the coordinating replica's id
   * @param replicaSets the replica sets that must each reach the quorum (one, or two while the
   *     partition moves); the coordinator is in at least one of them
   * @param replyWithMerged whether replicas answer with their merged copy (for a returned body)
   */
  PutOperation(
      Vertx vertx,
      ReplicaCalls replicas,
      ReplicationListener listener,
      ObjectRef object,
      SiblingSet stored,
      String coordinator,
      List<List<String>> replicaSets,
      int w,
      int pw,
      ConflictMode mode,
      boolean replyWithMerged,
      long deadlineMillis) {
    this.vertx = vertx;
    this.replicas = replicas;
    this.listener = listener;
    this.object = object;
    this.stored = stored;
    this.merged = stored;
    this.mode = mode;
    this.replyWithMerged = replyWithMerged;
    this.deadlineMillis = deadlineMillis;
    Set<String> others = new LinkedHashSet<>();
    for (List<String> members : replicaSets) {
      ReplicaSetQuorum quorum =
          new ReplicaSetQuorum(members, new QuorumTracker(w, members.size()), new QuorumTracker(pw, members.size()));
      quorum.answer(coordinator, true);
      quorums.add(quorum);
      members.stream().filter(node -> !node.equals(coordinator)).forEach(others::add);
    }
    this.otherTargets = List.copyOf(others);
  }

  /**
   * Starts the fan-out. The future completes with the merge of every stored copy acknowledged so
   * far once the quorum is reached, or fails when it cannot be.
   */
  Future<SiblingSet> run() {
    if (settle()) {
      collectRest();
      return answer.future();
    }
    deadlineTimer = vertx.setTimer(deadlineMillis, id -> onDeadline());
    collectRest();
    return answer.future();
  }

  private void collectRest() {
    for (String node : otherTargets) {
      long started = System.nanoTime();
      replicas
          .write(node, object, stored, mode, replyWithMerged)
          .onComplete(
              reply -> {
                listener.replicaCall(node, "write", System.nanoTime() - started, reply.succeeded());
                onAck(node, reply.succeeded() ? reply.result() : null);
              });
    }
  }

  private synchronized void onAck(String node, SiblingSet replicaCopy) {
    quorums.forEach(quorum -> quorum.answer(node, replicaCopy != null));
    if (replicaCopy != null) {
      merged = merged.merge(replicaCopy, mode);
    }
    settle();
  }

  /** Completes the answer when the outcome is known; true if it is. */
  private synchronized boolean settle() {
    if (answer.future().isComplete()) {
      return true;
    }
    if (quorums.stream().allMatch(ReplicaSetQuorum::reached)) {
      vertx.cancelTimer(deadlineTimer);
      answer.complete(merged);
      return true;
    }
    for (ReplicaSetQuorum quorum : quorums) {
      QuorumTracker failing = quorum.impossible();
      if (failing != null) {
        vertx.cancelTimer(deadlineTimer);
        answer.fail(new QuorumNotReachedException("write", failing.successes(), failing.required()));
        return true;
      }
    }
    return false;
  }

  private synchronized void onDeadline() {
    QuorumTracker failing =
        quorums.stream().filter(quorum -> !quorum.reached()).findFirst().orElse(quorums.get(0)).unreached();
    answer.tryFail(new QuorumNotReachedException("write", failing.successes(), failing.required()));
  }
}
