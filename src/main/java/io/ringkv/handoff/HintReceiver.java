package io.ringkv.handoff;

import io.ringkv.replication.LocalReplica;
import io.ringkv.replication.ObjectRef;
import io.ringkv.transport.proto.HintBatch;
import io.ringkv.transport.proto.HintBatchAck;
import io.ringkv.transport.proto.HintedObject;
import io.ringkv.transport.proto.HintsService;
import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSetCodec;
import io.vertx.core.Future;

/**
 * The owner's side of hinted handoff: merges what a fallback kept for it into its own replica.
 * The ack is sent only once every hint of the batch is stored, and the fallback deletes its hints
 * only on that ack. Merges are idempotent, so a batch sent twice does no harm.
 */
public final class HintReceiver extends HintsService {

  private final LocalReplica local;

  public HintReceiver(LocalReplica local) {
    this.local = local;
  }

  @Override
  public Future<HintBatchAck> deliver(HintBatch batch) {
    try {
      batch.getHintsList().forEach(this::store);
      return Future.succeededFuture(HintBatchAck.getDefaultInstance());
    } catch (RuntimeException e) {
      return Future.failedFuture(e); // no ack: the fallback keeps the hints and tries again
    }
  }

  private void store(HintedObject hint) {
    ObjectRef object =
        new ObjectRef(
            hint.getObject().getBucket(),
            hint.getObject().getKey().toByteArray(),
            hint.getObject().getPartition());
    local.merge(
        object,
        SiblingSetCodec.decode(hint.getSiblings().toByteArray()),
        hint.getLww() ? ConflictMode.LWW : ConflictMode.SIBLINGS);
  }
}
