package io.ringkv.replication;

import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One client write as a small state machine (Dynamo §5): the coordinating replica has already
 * stored the new version (its own ack); send it to the other targets at once, answer at W acks
 * (of which PW from primary owners) in every replica set, and keep collecting the rest after
 * answering.
 *
 * <p>A target that fails is not just counted lost when a stand-in is offered: the write goes on to
 * the next healthy fallback, which keeps it as a hint for the owner the failed target held it for
 * (Dynamo §4.6). An ack counts toward W of each replica set holding the owner the copy is for, so
 * a fallback's ack counts for the owner it stands in for; it counts toward PW only from a true
 * owner. When no stand-in is left, the failed target's copy goes to the coordinator's last
 * resort: it keeps a hint for that owner itself.
 *
 * <p>While partitions move there are two replica sets, the ring's before and after the change:
 * the write goes to both and needs W (and PW) acks in each, so that a read through either ring
 * meets it (Cassandra's pending ranges serve the same end).
 */
final class PutOperation {

  /** Offers no stand-in: a failed target counts as lost (writes to a moving partition). */
  static final Function<ReplicaTarget, Optional<ReplicaTarget>> NO_STAND_INS = failed -> Optional.empty();

  /** Keeps nothing of a copy no target took: it is lost (anti-entropy restores it later). */
  static final Consumer<ReplicaTarget> KEEP_NOTHING = failed -> {};

  private final Vertx vertx;
  private final ReplicaCalls replicas;
  private final ReplicationListener listener;
  private final ObjectRef object;
  private final SiblingSet stored;
  private final Function<ReplicaTarget, Optional<ReplicaTarget>> standIns;
  private final Consumer<ReplicaTarget> lastResort;
  private final List<ReplicaTarget> otherTargets;
  private final List<ReplicaSetQuorum> quorums = new ArrayList<>();
  private final ConflictMode mode;
  private final boolean replyWithMerged;
  private final long deadlineMillis;

  private final Promise<SiblingSet> answer = Promise.promise();
  private SiblingSet merged;
  private long deadlineTimer = -1;

  /**
   * The acks of one replica set: every target holding a copy for one of its owners counts toward
   * W, only the owners themselves toward PW.
   */
  private record ReplicaSetQuorum(List<String> owners, QuorumTracker acks, QuorumTracker primaryAcks) {

    static ReplicaSetQuorum of(List<String> owners, List<ReplicaTarget> targets, int w, int pw) {
      int holders = (int) targets.stream().filter(target -> owners.contains(target.owner())).count();
      int primaries =
          (int) targets.stream().filter(target -> target.isPrimary() && owners.contains(target.node())).count();
      return new ReplicaSetQuorum(owners, new QuorumTracker(w, holders), new QuorumTracker(pw, primaries));
    }

    void acked(ReplicaTarget target) {
      if (owners.contains(target.owner())) {
        acks.success();
        if (target.isPrimary()) {
          primaryAcks.success();
        }
      }
    }

    /** {@code failed} is lost; {@code replaced} when a stand-in goes on holding its copy. */
    void failed(ReplicaTarget failed, boolean replaced) {
      if (!owners.contains(failed.owner())) {
        return;
      }
      if (failed.isPrimary()) {
        primaryAcks.failure();
      }
      if (!replaced) {
        acks.failure();
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
   * @param coordinator the coordinating node in its role (a primary, or a fallback keeping a hint)
   * @param otherTargets the other targets to send it to, each node once
   * @param replicaSets the owners of each replica set that must reach the quorum: one set, or two
   *     while the partition moves
   * @param standIns the next target to take over from a failed one, if any (the sloppy set's spare
   *     fallbacks, or {@link #NO_STAND_INS})
   * @param lastResort takes a failed target's copy when no stand-in is left (or {@link
   *     #KEEP_NOTHING})
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
      List<List<String>> replicaSets,
      Function<ReplicaTarget, Optional<ReplicaTarget>> standIns,
      Consumer<ReplicaTarget> lastResort,
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
    this.standIns = standIns;
    this.lastResort = lastResort;
    this.otherTargets = otherTargets;
    this.mode = mode;
    this.replyWithMerged = replyWithMerged;
    this.deadlineMillis = deadlineMillis;
    List<ReplicaTarget> everyTarget = Stream.concat(Stream.of(coordinator), otherTargets.stream()).toList();
    for (List<String> owners : replicaSets) {
      ReplicaSetQuorum quorum = ReplicaSetQuorum.of(owners, everyTarget, w, pw);
      quorum.acked(coordinator);
      quorums.add(quorum);
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
    quorums.forEach(quorum -> quorum.acked(target));
    merged = merged.merge(replicaCopy, mode);
    settle();
  }

  /**
   * The write goes on to the next stand-in, even after the client was answered: N copies survive
   * more than W. Only when none is left does the failure count against W, and the copy goes to
   * the last resort.
   */
  private void onFailure(ReplicaTarget failed) {
    Optional<ReplicaTarget> next = standIns.apply(failed);
    synchronized (this) {
      quorums.forEach(quorum -> quorum.failed(failed, next.isPresent()));
      settle();
    }
    next.ifPresentOrElse(this::send, () -> lastResort.accept(failed));
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
        answer.fail(failure(quorum, failing));
        return true;
      }
    }
    return false;
  }

  private synchronized void onDeadline() {
    ReplicaSetQuorum unreached =
        quorums.stream().filter(quorum -> !quorum.reached()).findFirst().orElse(quorums.get(0));
    answer.tryFail(failure(unreached, unreached.unreached()));
  }

  private static QuorumNotReachedException failure(ReplicaSetQuorum quorum, QuorumTracker failing) {
    String what = failing == quorum.primaryAcks() ? "write (pw: acks from primary owners)" : "write";
    return QuorumNotReachedException.afterAsking(what, failing.successes(), failing.required());
  }
}
