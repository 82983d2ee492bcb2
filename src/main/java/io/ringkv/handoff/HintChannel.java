package io.ringkv.handoff;

import io.ringkv.transport.proto.HintBatch;
import io.vertx.core.Future;

/** The way hints reach their owner; a port, so delivery can be tested without a network. */
@FunctionalInterface
public interface HintChannel {

  /** Completes once the owner has stored every hint of the batch in its own replica. */
  Future<Void> deliver(String owner, HintBatch batch);
}
