package io.ringkv.replication;

import io.ringkv.storage.HintStore;
import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * This node as a fallback: the copies it keeps for owners that are down, in the hint store and
 * never in its partition store (Dynamo §4.6). Like {@link LocalReplica}, every change is a merge
 * inside the store's atomic per-key update, so a hint only ever grows by merges until its owner
 * acknowledges it.
 */
public final class HintedReplica {

  private final HintStore hints;
  private final LongSupplier clock;
  private final AtomicLong created = new AtomicLong();

  /** @param clock wall-clock milliseconds, the age of new hints */
  public HintedReplica(HintStore hints, LongSupplier clock) {
    this.hints = hints;
    this.clock = clock;
  }

  /** Keeps {@code incoming} for {@code owner}, merged into the hint already kept; returns the merge. */
  public SiblingSet merge(String owner, ObjectRef object, SiblingSet incoming, ConflictMode mode) {
    return apply(owner, object, kept -> kept.merge(incoming, mode));
  }

  /**
   * A write coordinated here while every owner of the key is down: the new version is made
   * against the hint kept for {@code owner}, atomically, like {@link LocalReplica#coordinate}.
   */
  SiblingSet coordinate(
      String owner, ObjectRef object, LocalReplica.ClientWrite write, String actor, long nowMillis) {
    return apply(
        owner,
        object,
        kept ->
            kept.coordinate(
                actor, write.context(), write.value(), write.contentType(), write.delete(), nowMillis, write.mode()));
  }

  /**
   * A fallback's copy of a key for a read: {@code own} (what its partition store holds, usually
   * nothing) merged with the hints it keeps for any of {@code owners}. Siblings are kept: the
   * coordinator merges every reply in the bucket's conflict mode.
   */
  public SiblingSet withHints(SiblingSet own, Collection<String> owners, ObjectRef object) {
    SiblingSet merged = own;
    for (String owner : owners) {
      byte[] stored = hints.merge(owner, object.partition(), object.storageKey(), UnaryOperator.identity());
      if (stored != null) {
        merged = merged.merge(HintRecord.decode(stored).siblingSet(), ConflictMode.SIBLINGS);
      }
    }
    return merged;
  }

  /** Hints created since this node started: each ends delivered, dropped, or still pending. */
  public long hintsCreated() {
    return created.get();
  }

  private SiblingSet apply(String owner, ObjectRef object, UnaryOperator<SiblingSet> change) {
    // The store may run the function more than once; the last run is the one stored.
    SiblingSet[] stored = new SiblingSet[1];
    boolean[] isNew = new boolean[1];
    hints.merge(
        owner,
        object.partition(),
        object.storageKey(),
        current -> {
          isNew[0] = current == null;
          HintRecord kept =
              current == null
                  ? HintRecord.of(SiblingSet.empty(), clock.getAsLong())
                  : HintRecord.decode(current);
          SiblingSet before = kept.siblingSet();
          stored[0] = change.apply(before);
          return !isNew[0] && stored[0].equals(before) ? current : kept.with(stored[0]).encode();
        });
    if (isNew[0]) {
      created.incrementAndGet();
    }
    return stored[0];
  }
}
