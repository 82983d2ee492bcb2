package io.ringkv.replication;

import io.ringkv.transport.PeerCallException;
import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Replicas that store nothing: chosen nodes fail at once, the others ack; every write is recorded. */
final class ScriptedReplicas implements ReplicaCalls {

  record Write(String node, String hintedFor) {}

  final List<Write> writes = new CopyOnWriteArrayList<>();
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  ScriptedReplicas failing(String... nodes) {
    failing.addAll(List.of(nodes));
    return this;
  }

  @Override
  public Future<SiblingSet> read(String nodeId, ObjectRef object) {
    return answer(nodeId, SiblingSet.empty());
  }

  @Override
  public Future<SiblingSet> readWithHints(String nodeId, ObjectRef object, List<String> owners) {
    return answer(nodeId, SiblingSet.empty());
  }

  @Override
  public Future<SiblingSet> write(
      String nodeId, ObjectRef object, SiblingSet siblings, ConflictMode mode, boolean replyWithMerged) {
    writes.add(new Write(nodeId, null));
    return answer(nodeId, siblings);
  }

  @Override
  public Future<SiblingSet> writeHint(
      String nodeId, String owner, ObjectRef object, SiblingSet siblings, ConflictMode mode, boolean replyWithMerged) {
    writes.add(new Write(nodeId, owner));
    return answer(nodeId, siblings);
  }

  @Override
  public Future<WriteResult> forward(String nodeId, WriteCommand command) {
    return Future.failedFuture(new UnsupportedOperationException("not scripted"));
  }

  private Future<SiblingSet> answer(String nodeId, SiblingSet copy) {
    return failing.contains(nodeId)
        ? Future.failedFuture(new PeerCallException("connection refused by " + nodeId))
        : Future.succeededFuture(copy);
  }
}
