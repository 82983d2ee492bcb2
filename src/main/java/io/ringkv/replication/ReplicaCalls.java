package io.ringkv.replication;

import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import io.vertx.core.Future;
import java.util.List;

/**
 * The coordinator's view of a key's replicas, addressed by node id: the local replica is called
 * directly, the others over the peer transport. Operations never care which is which. A node is
 * called as a primary (its partition store) or as a fallback (its hints), see {@link ReplicaTarget}.
 */
public interface ReplicaCalls {

  /** The replica's stored siblings (empty when it stores none). */
  Future<SiblingSet> read(String nodeId, ObjectRef object);

  /**
   * Merges {@code siblings} into the replica's copy.
   *
   * @param replyWithMerged whether the answer should carry what the replica then stores (only a
   *     put that returns its body needs it); otherwise it may be empty once the merge is stored
   */
  Future<SiblingSet> write(
      String nodeId, ObjectRef object, SiblingSet siblings, ConflictMode mode, boolean replyWithMerged);

  /**
   * A fallback's copy: its own merged with the hints it keeps for any of {@code owners}.
   *
   * @param owners the key's true owners
   */
  Future<SiblingSet> readWithHints(String nodeId, ObjectRef object, List<String> owners);

  /** Has a fallback keep {@code siblings} as a hint for {@code owner}, merged into what it keeps. */
  Future<SiblingSet> writeHint(
      String nodeId,
      String owner,
      ObjectRef object,
      SiblingSet siblings,
      ConflictMode mode,
      boolean replyWithMerged);

  /** Reads a target in its role: a primary's store, or a fallback's store and hints. */
  default Future<SiblingSet> read(ReplicaTarget target, ObjectRef object, List<String> owners) {
    return target.isPrimary()
        ? read(target.node(), object)
        : readWithHints(target.node(), object, owners);
  }

  /** Writes to a target in its role: a primary merges into its store, a fallback keeps a hint. */
  default Future<SiblingSet> write(
      ReplicaTarget target, ObjectRef object, SiblingSet siblings, ConflictMode mode, boolean replyWithMerged) {
    return target.isPrimary()
        ? write(target.node(), object, siblings, mode, replyWithMerged)
        : writeHint(target.node(), target.hintedFor(), object, siblings, mode, replyWithMerged);
  }

  /** Hands a client write to a replica that will coordinate it (one hop, never further). */
  Future<WriteResult> forward(String nodeId, WriteCommand command);
}
