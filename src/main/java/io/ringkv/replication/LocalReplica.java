package io.ringkv.replication;

import io.ringkv.storage.PartitionedStore;
import io.ringkv.version.ClockPruning;
import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import io.ringkv.version.SiblingSetCodec;
import io.ringkv.version.VersionVector;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * This node's replica of every partition it stores. Every change is a merge inside the store's
 * atomic per-key update, so a replica never overwrites what it holds (DESIGN.md, "Storage").
 *
 * <p>Every stored change is reported to a {@link ReplicaChangeListener} (anti-entropy's Merkle
 * trees). A striped lock around the update and its report keeps the reports of one key in the
 * order the store applied the changes; a merge that changes nothing writes nothing.
 */
public final class LocalReplica {

  private static final int LOCK_STRIPES = 1024;

  private final PartitionedStore store;
  private final ClockPruning pruning;
  private final ReplicaChangeListener changes;
  private final Object[] stripes = new Object[LOCK_STRIPES];

  /**
   * @param pruning bounds the clocks of writes coordinated here and counts what it drops; one per
   *     node, so that nodes sharing a JVM report their own counts
   */
  public LocalReplica(PartitionedStore store, ClockPruning pruning) {
    this(store, pruning, ReplicaChangeListener.NONE);
  }

  /** @param changes told of every change stored, see {@link ReplicaChangeListener} */
  public LocalReplica(PartitionedStore store, ClockPruning pruning, ReplicaChangeListener changes) {
    this.store = store;
    this.pruning = pruning;
    this.changes = changes;
    for (int i = 0; i < LOCK_STRIPES; i++) {
      stripes[i] = new Object();
    }
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
   * Removes a tombstone, but only if the key still holds exactly the version {@code digest} names
   * and that version is a tombstone: a write that arrived since the tombstone was judged purgeable
   * is never lost.
   *
   * @return whether the tombstone was removed
   */
  public boolean removeTombstone(ObjectRef object, long digest) {
    boolean[] purgeable = {false};
    apply(
        object,
        stored -> {
          purgeable[0] = stored.isTombstone() && stored.digest() == digest;
          return purgeable[0] ? SiblingSet.empty() : stored;
        });
    return purgeable[0];
  }

  /**
   * Applies a change atomically and returns what is then stored. A change that leaves the set as
   * it was (a repeated merge: merges are idempotent) writes nothing and reports nothing.
   */
  private SiblingSet apply(ObjectRef object, UnaryOperator<SiblingSet> change) {
    byte[] storageKey = object.storageKey();
    SiblingSet[] before = {SiblingSet.empty()};
    SiblingSet[] after = {SiblingSet.empty()};
    synchronized (stripes[Math.floorMod(Arrays.hashCode(storageKey), LOCK_STRIPES)]) {
      store.update(
          object.partition(),
          storageKey,
          current -> {
            // The store may apply this more than once (a map that grew); the last run is stored.
            before[0] = decode(current);
            after[0] = change.apply(before[0]);
            if (after[0].equals(before[0])) {
              return current;
            }
            return after[0].isEmpty() ? null : SiblingSetCodec.encode(after[0]);
          });
      if (!after[0].equals(before[0])) {
        changes.changed(object.partition(), storageKey, before[0], after[0]);
      }
      return after[0];
    }
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
