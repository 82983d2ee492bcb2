package io.ringkv.replication;

import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * One client write as a small state machine (Dynamo §5): the coordinating replica has already
 * stored the new version (its own ack); send it to the other replicas at once, answer at W acks
 * (of which PW from primary owners), and keep collecting the rest after answering.
 */
final class PutOperation {

  private final Vertx vertx;
  private final ReplicaCalls replicas;
  private final ReplicationListener listener;
  private final ObjectRef object;
  private final SiblingSet stored;
  private final List<String> otherTargets;
  private final ConflictMode mode;
  private final boolean replyWithMerged;
  private final long deadlineMillis;

  private final Promise<SiblingSet> answer = Promise.promise();
  private final QuorumTracker acks;
  private final QuorumTracker primaryAcks;
  private SiblingSet merged;
  private long deadlineTimer;

  /**
   * @param stored what the coordinating replica stored (its ack is counted already)
   * @param otherTargets the other primary replicas to send it to
   * @param replyWithMerged whether replicas answer with their merged copy (for a returned body)
   */
  PutOperation(
      Vertx vertx,
      ReplicaCalls replicas,
      ReplicationListener listener,
      ObjectRef object,
      SiblingSet stored,
      List<String> otherTargets,
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
    this.otherTargets = otherTargets;
    this.mode = mode;
    this.replyWithMerged = replyWithMerged;
    this.deadlineMillis = deadlineMillis;
    this.acks = new QuorumTracker(w, otherTargets.size() + 1);
    this.primaryAcks = new QuorumTracker(pw, otherTargets.size() + 1);
    acks.success();
    primaryAcks.success();
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
                onAck(reply.succeeded() ? reply.result() : null);
              });
    }
  }

  private synchronized void onAck(SiblingSet replicaCopy) {
    if (replicaCopy == null) {
      acks.failure();
      primaryAcks.failure();
    } else {
      acks.success();
      primaryAcks.success();
      merged = merged.merge(replicaCopy, mode);
    }
    settle();
  }

  /** Completes the answer when the outcome is known; true if it is. */
  private synchronized boolean settle() {
    if (answer.future().isComplete()) {
      return true;
    }
    if (acks.reached() && primaryAcks.reached()) {
      vertx.cancelTimer(deadlineTimer);
      answer.complete(merged);
      return true;
    }
    QuorumTracker failing = acks.impossible() ? acks : primaryAcks.impossible() ? primaryAcks : null;
    if (failing != null) {
      vertx.cancelTimer(deadlineTimer);
      answer.fail(new QuorumNotReachedException("write", failing.successes(), failing.required()));
      return true;
    }
    return false;
  }

  private synchronized void onDeadline() {
    QuorumTracker failing = acks.reached() ? primaryAcks : acks;
    answer.tryFail(new QuorumNotReachedException("write", failing.successes(), failing.required()));
  }
}
