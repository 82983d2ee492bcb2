package io.ringkv.replication;

import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One client read as a small state machine (Dynamo §5): ask every replica at once, answer the
 * client with the merged siblings as soon as R replied, keep listening until every replica
 * answered or the deadline passed, then repair the replicas that answered stale or not at all.
 */
final class GetOperation {

  private final Vertx vertx;
  private final ReplicaCalls replicas;
  private final ReplicationListener listener;
  private final ObjectRef object;
  private final List<String> targets;
  private final ConflictMode mode;
  private final long deadlineMillis;

  private final Promise<SiblingSet> answer = Promise.promise();
  private final QuorumTracker quorum;
  private final Map<String, SiblingSet> replies = new HashMap<>();
  private SiblingSet merged = SiblingSet.empty();
  private boolean finished;
  private long deadlineTimer;

  GetOperation(
      Vertx vertx,
      ReplicaCalls replicas,
      ReplicationListener listener,
      ObjectRef object,
      List<String> targets,
      int r,
      ConflictMode mode,
      long deadlineMillis) {
    this.vertx = vertx;
    this.replicas = replicas;
    this.listener = listener;
    this.object = object;
    this.targets = targets;
    this.mode = mode;
    this.deadlineMillis = deadlineMillis;
    this.quorum = new QuorumTracker(r, targets.size());
  }

  /** Starts the fan-out; the future completes at R replies, or fails when R cannot be reached. */
  Future<SiblingSet> run() {
    deadlineTimer = vertx.setTimer(deadlineMillis, id -> onDeadline());
    for (String node : targets) {
      long started = System.nanoTime();
      replicas
          .read(node, object)
          .onComplete(
              reply -> {
                listener.replicaCall(node, "read", System.nanoTime() - started, reply.succeeded());
                onReply(node, reply.succeeded() ? reply.result() : null);
              });
    }
    return answer.future();
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
      answer.tryFail(new QuorumNotReachedException("read", quorum.successes(), quorum.required()));
    }
    if (quorum.allAnswered()) {
      finish();
    }
  }

  private synchronized void onDeadline() {
    if (finished) {
      return;
    }
    answer.tryFail(new QuorumNotReachedException("read", quorum.successes(), quorum.required()));
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
    for (String node : targets) {
      SiblingSet reply = replies.get(node);
      if (reply == null || reply.digest() != mergedDigest) {
        listener.readRepair(node);
        replicas.write(node, object, merged, mode, false);
      }
    }
  }
}
