package io.ringkv.replication;

import io.vertx.core.Future;

/**
 * What the client APIs ask of a node: coordinate one get, put or delete across the key's replicas.
 *
 * <p>Both APIs (HTTP and gRPC) are thin shells over this port: they parse, call it, and map its
 * answers and its {@link RequestException}s to their own status codes. All validation that both
 * APIs share (key and bucket size, r and w against the bucket's n, value size, context bytes)
 * happens behind this interface, so the two APIs cannot drift apart.
 *
 * <p>Returned futures fail with {@link RequestException} for anything the client did or can act
 * on (bad input, quorum not reached); any other failure is an internal error.
 */
public interface Coordinator {

  /** Reads a key from R of its replicas and answers with the merged siblings. */
  Future<ReadResult> get(ReadCommand command);

  /** Writes (or, with {@link WriteCommand#delete()}, deletes) a key on W of its replicas. */
  Future<WriteResult> put(WriteCommand command);
}
