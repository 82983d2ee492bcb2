package io.ringkv.replication;

import io.ringkv.storage.PartitionedStore;
import io.ringkv.version.ClockPruning;
import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import io.ringkv.version.SiblingSetCodec;
import io.ringkv.version.VersionVector;
import java.util.function.UnaryOperator;

/**
 * This node's replica of every partition it stores. Every change is a merge inside the store's
 * atomic per-key update, so a replica never overwrites what it holds (DESIGN.md, "Storage").
 */
public final class LocalReplica {

  private final PartitionedStore store;
  private final ClockPruning pruning;

  /**
   * @param pruning bounds the clocks of writes coordinated here and counts what it drops; one per
   *     node, so that nodes sharing a JVM report their own counts
   */
  public LocalReplica(PartitionedStore store, ClockPruning pruning) {
    this.store = store;
    this.pruning = pruning;
  }

  /** The stored sibling set as bytes, or an empty array: what a peer's Read is answered with. */
  public byte[] readEncoded(ObjectRef object) {
    byte[] stored = store.get(object.partition(), object.storageKey());
    return stored == null ? new byte[0] : stored;
  }

  public SiblingSet read(ObjectRef object) {
    return decode(store.get(object.partition(), object.storageKey()));
  }

  /** Merges siblings from another replica (a replica write, read repair, handoff). */
  public SiblingSet merge(ObjectRef object, SiblingSet incoming, ConflictMode mode) {
    return apply(object, stored -> stored.merge(incoming, mode));
  }

  /**
   * The coordinator's own write: creates the new dot under this replica's actor, atomically with
   * reading what is stored, so two writes coordinated here at once get distinct dots.
   */
  public SiblingSet coordinate(ObjectRef object, ClientWrite write, String actor, long nowMillis) {
    return apply(
        object,
        stored ->
            stored.coordinate(
                actor,
                write.context(),
                write.value(),
                write.contentType(),
                write.delete(),
                nowMillis,
                write.mode(),
                pruning));
  }

  /**
   * Applies a change atomically and returns what is then stored. A change that leaves the set as
   * it was (a repeated merge: merges are idempotent) writes nothing.
   */
  private SiblingSet apply(ObjectRef object, UnaryOperator<SiblingSet> change) {
    // The store may run the function more than once (a map that grew); the last run is stored.
    SiblingSet[] stored = new SiblingSet[1];
    store.update(
        object.partition(),
        object.storageKey(),
        current -> {
          SiblingSet before = decode(current);
          SiblingSet after = change.apply(before);
          stored[0] = after;
          return after.equals(before) ? current : SiblingSetCodec.encode(after);
        });
    return stored[0];
  }

  private static SiblingSet decode(byte[] bytes) {
    return bytes == null || bytes.length == 0 ? SiblingSet.empty() : SiblingSetCodec.decode(bytes);
  }

  /**
   * A validated client write, ready to be applied.
   *
   * @param context the decoded client context
   * @param value the value (empty for a delete)
   * @param contentType the content type
   * @param delete true for a tombstone
   * @param mode the bucket's conflict mode
   */
  public record ClientWrite(
      VersionVector context, byte[] value, String contentType, boolean delete, ConflictMode mode) {}
}
