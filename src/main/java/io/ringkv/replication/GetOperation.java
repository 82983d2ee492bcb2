package io.ringkv.replication;

import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One client read as a small state machine (Dynamo §5): ask every target of the sloppy
 * preference list at once, answer the client with the merged siblings as soon as R replied, keep
 * listening until every target answered or the deadline passed, then repair the targets that
 * answered stale or not at all. A fallback answers with the hints it keeps for the key's owners,
 * so a read during an outage meets the writes held as hints; repairing a fallback adds to its hint.
 * A target that fails is replaced by the next healthy fallback, so a node that died a moment ago,
 * before the failure detector noticed, costs no more than a refused connection.
 */
final class GetOperation {

  private final Vertx vertx;
  private final ReplicaCalls replicas;
  private final ReplicationListener listener;
  private final ObjectRef object;
  private final SloppyPreferenceList sloppy;
  private final List<ReplicaTarget> asked = new ArrayList<>();
  private final List<String> owners;
  private final ConflictMode mode;
  private final long deadlineMillis;

  private final Promise<SiblingSet> answer = Promise.promise();
  private final QuorumTracker quorum;
  private final Map<String, SiblingSet> replies = new HashMap<>();
  private SiblingSet merged = SiblingSet.empty();
  private boolean finished;
  private long deadlineTimer = -1;

  GetOperation(
      Vertx vertx,
      ReplicaCalls replicas,
      ReplicationListener listener,
      ObjectRef object,
      SloppyPreferenceList sloppy,
      int r,
      ConflictMode mode,
      long deadlineMillis) {
    this.vertx = vertx;
    this.replicas = replicas;
    this.listener = listener;
    this.object = object;
    this.sloppy = sloppy;
    this.owners = sloppy.owners();
    this.mode = mode;
    this.deadlineMillis = deadlineMillis;
    this.quorum = new QuorumTracker(r, sloppy.targets().size());
  }

  /** Starts the fan-out; the future completes at R replies, or fails when R cannot be reached. */
  Future<SiblingSet> run() {
    deadlineTimer = vertx.setTimer(deadlineMillis, id -> onDeadline());
    sloppy.targets().forEach(this::ask);
    return answer.future();
  }

  /** A target that fails is replaced by the next healthy fallback, as for writes. */
  private void ask(ReplicaTarget target) {
    synchronized (this) {
      asked.add(target);
    }
    long started = System.nanoTime();
    replicas
        .read(target, object, owners)
        .onComplete(
            reply -> {
              listener.replicaCall(target.node(), "read", System.nanoTime() - started, reply.succeeded());
              Optional<ReplicaTarget> replacement = reply.failed() ? replacementFor(target) : Optional.empty();
              if (replacement.isPresent()) {
                ask(replacement.get());
              } else {
                onReply(target.node(), reply.succeeded() ? reply.result() : null);
              }
            });
  }

  private synchronized Optional<ReplicaTarget> replacementFor(ReplicaTarget failed) {
    return finished ? Optional.empty() : sloppy.replace(failed);
  }

  private synchronized void onReply(String node, SiblingSet reply) {
    if (finished) {
      return;
    }
    if (reply == null) {
      quorum.failure();
    } else {
      quorum.success();
      replies.put(node, reply);
      merged = merged.merge(reply, mode);
    }
    if (quorum.reached()) {
      answer.tryComplete(merged);
    } else if (quorum.impossible()) {
      answer.tryFail(QuorumNotReachedException.afterAsking("read", quorum.successes(), quorum.required()));
    }
    if (quorum.allAnswered()) {
      finish();
    }
  }

  private synchronized void onDeadline() {
    if (finished) {
      return;
    }
    answer.tryFail(QuorumNotReachedException.afterAsking("read", quorum.successes(), quorum.required()));
    finish();
  }

  /** Read repair: every replica that did not answer with the merged version receives it. */
  private void finish() {
    finished = true;
    vertx.cancelTimer(deadlineTimer);
    if (replies.isEmpty() || merged.isEmpty()) {
      return;
    }
    long mergedDigest = merged.digest();
    for (ReplicaTarget target : asked) {
      SiblingSet reply = replies.get(target.node());
      if (reply == null || reply.digest() != mergedDigest) {
        listener.readRepair(target.node());
        replicas.write(target, object, merged, mode, false);
      }
    }
  }
}
