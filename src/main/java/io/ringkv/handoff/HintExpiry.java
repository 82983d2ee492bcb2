package io.ringkv.handoff;

import io.ringkv.replication.HintRecord;
import io.ringkv.storage.HintStore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops hints older than the handoff window, counting each. An owner down for that long is better
 * repaired by anti-entropy, which covers what the dropped hints held, than by an unbounded
 * backlog. A hint that could not be decoded is dropped the same way rather than retried forever.
 */
final class HintExpiry {

  private static final Logger log = LoggerFactory.getLogger(HintExpiry.class);

  private final HintStore store;
  private final long windowMillis;
  private final LongSupplier clock;
  private final AtomicLong dropped = new AtomicLong();

  HintExpiry(HintStore store, long windowMillis, LongSupplier clock) {
    this.store = store;
    this.windowMillis = windowMillis;
    this.clock = clock;
  }

  /**
   * The hint if it is still worth delivering; null when it expired and was dropped (or when a
   * newer write changed it meanwhile: then the next pass looks at it again).
   */
  HintRecord liveOrDrop(String owner, int partition, byte[] key, byte[] stored) {
    HintRecord hint;
    try {
      hint = HintRecord.decode(stored);
    } catch (IllegalArgumentException corrupt) {
      log.warn("dropping an unreadable hint for {} in partition {}: {}", owner, partition, corrupt.getMessage());
      drop(owner, partition, key, stored);
      return null;
    }
    if (hint.olderThan(windowMillis, clock.getAsLong())) {
      drop(owner, partition, key, stored);
      return null;
    }
    return hint;
  }

  /** Drops the expired hints kept for an owner that stays down. Blocks: off the event loops. */
  void sweep(String owner) {
    store.forEachFor(owner, (partition, key, value) -> liveOrDrop(owner, partition, key, value));
  }

  long dropped() {
    return dropped.get();
  }

  private void drop(String owner, int partition, byte[] key, byte[] stored) {
    if (store.removeIfUnchanged(owner, partition, key, stored)) {
      dropped.incrementAndGet();
    }
  }
}
