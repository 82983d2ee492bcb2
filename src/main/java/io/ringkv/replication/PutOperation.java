package io.ringkv.replication;

import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;

/**
 * One client write as a small state machine (Dynamo §5): the coordinating replica has already
 * stored the new version (its own ack); send it to the other targets of the sloppy preference
 * list at once, answer at W acks (of which PW from primary owners), and keep collecting the rest
 * after answering.
 *
 * <p>A target that fails is not just counted lost: the write goes on to the next healthy fallback,
 * which keeps it as a hint for the owner the failed target held it for (Dynamo §4.6). Acks from
 * fallbacks count toward W, never toward PW.
 */
final class PutOperation {

  private final Vertx vertx;
  private final ReplicaCalls replicas;
  private final ReplicationListener listener;
  private final ObjectRef object;
  private final SiblingSet stored;
  private final SloppyPreferenceList sloppy;
  private final List<ReplicaTarget> otherTargets;
  private final ConflictMode mode;
  private final boolean replyWithMerged;
  private final long deadlineMillis;

  private final Promise<SiblingSet> answer = Promise.promise();
  private final QuorumTracker acks;
  private final QuorumTracker primaryAcks;
  private SiblingSet merged;
  private long deadlineTimer = -1;

  /**
   * @param stored what the coordinating replica stored (its ack is counted already)
   * @param coordinator the coordinating node in its role (a primary, or a fallback keeping a hint)
   * @param otherTargets the other targets to send it to
   * @param sloppy where replacements for failed targets come from
   * @param replyWithMerged whether replicas answer with their merged copy (for a returned body)
   */
  PutOperation(
      Vertx vertx,
      ReplicaCalls replicas,
      ReplicationListener listener,
      ObjectRef object,
      SiblingSet stored,
      ReplicaTarget coordinator,
      List<ReplicaTarget> otherTargets,
      SloppyPreferenceList sloppy,
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
    this.sloppy = sloppy;
    this.otherTargets = otherTargets;
    this.mode = mode;
    this.replyWithMerged = replyWithMerged;
    this.deadlineMillis = deadlineMillis;
    this.acks = new QuorumTracker(w, otherTargets.size() + 1);
    long primaries = otherTargets.stream().filter(ReplicaTarget::isPrimary).count();
    this.primaryAcks = new QuorumTracker(pw, (int) primaries + (coordinator.isPrimary() ? 1 : 0));
    acks.success();
    if (coordinator.isPrimary()) {
      primaryAcks.success();
    }
  }

  /**
   * Starts the fan-out. The future completes with the merge of every stored copy acknowledged so
   * far once the quorum is reached, or fails when it cannot be.
   */
  Future<SiblingSet> run() {
    if (!settle()) {
      deadlineTimer = vertx.setTimer(deadlineMillis, id -> onDeadline());
    }
    otherTargets.forEach(this::send);
    return answer.future();
  }

  private void send(ReplicaTarget target) {
    long started = System.nanoTime();
    replicas
        .write(target, object, stored, mode, replyWithMerged)
        .onComplete(
            reply -> {
              listener.replicaCall(target.node(), "write", System.nanoTime() - started, reply.succeeded());
              if (reply.succeeded()) {
                onAck(target, reply.result());
              } else {
                onFailure(target);
              }
            });
  }

  private synchronized void onAck(ReplicaTarget target, SiblingSet replicaCopy) {
    acks.success();
    if (target.isPrimary()) {
      primaryAcks.success();
    }
    merged = merged.merge(replicaCopy, mode);
    settle();
  }

  /**
   * The write goes on to the next healthy fallback, even after the client was answered: N copies
   * survive more than W. Only when none is left does the failure count against W.
   */
  private void onFailure(ReplicaTarget failed) {
    Optional<ReplicaTarget> next = sloppy.replace(failed);
    synchronized (this) {
      if (failed.isPrimary()) {
        primaryAcks.failure();
      }
      if (next.isEmpty()) {
        acks.failure();
      }
      settle();
    }
    next.ifPresent(this::send);
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
      answer.fail(failure(failing));
      return true;
    }
    return false;
  }

  private synchronized void onDeadline() {
    answer.tryFail(failure(acks.reached() ? primaryAcks : acks));
  }

  private QuorumNotReachedException failure(QuorumTracker failing) {
    String what = failing == primaryAcks ? "write (pw: acks from primary owners)" : "write";
    return new QuorumNotReachedException(what, failing.successes(), failing.required());
  }
}
