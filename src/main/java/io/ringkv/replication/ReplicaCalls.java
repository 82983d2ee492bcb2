package io.ringkv.replication;

import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import io.vertx.core.Future;

/**
 * The coordinator's view of a key's replicas, addressed by node id: the local replica is called
 * directly, the others over the peer transport. Operations never care which is which.
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

  /** Hands a client write to a replica that will coordinate it (one hop, never further). */
  Future<WriteResult> forward(String nodeId, WriteCommand command);
}
