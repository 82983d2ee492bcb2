package io.ringkv.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * The node's cluster state for operators, in the JSON shapes of DESIGN.md Part B ("Admin JSON
 * shapes"). The HTTP API serves these as they are; the node assembles them.
 */
public interface AdminView {

  /** True once the node has joined and serves requests (GET /health/ready). */
  boolean ready();

  /** {@code {"members": [...]}} */
  JsonObject members();

  /** {@code {"partitionCount": .., "partitions": [...], "pendingTransfers": [...]}} */
  JsonObject ring();

  /** {@code {"partition": .., "nodes": [{"id", "role", "state"}, ...]}} */
  JsonObject preferenceList(String bucket, byte[] key);

  /** This node's own stored siblings of a key, without coordination; empty when it stores none. */
  Optional<JsonObject> local(String bucket, byte[] key);

  /** {@code {"pending": .., "byTarget": {..}}} */
  JsonObject hints();

  /** Anti-entropy progress per partition. */
  JsonObject antiEntropy();

  /**
   * Starts a full anti-entropy pass now: every partition this node replicates is exchanged with
   * each of its other replicas (POST /admin/repair, answered 202 with what was queued).
   */
  Future<JsonObject> repair();

  /** Asks this node to join the cluster through a seed ({@code host:peerPort}). */
  Future<Void> join(String seed);

  /** Asks this node to hand its partitions over and leave the cluster. */
  Future<Void> leave();
}
