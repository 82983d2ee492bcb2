package io.ringkv.handoff;

import com.google.protobuf.ByteString;
import io.ringkv.replication.HintRecord;
import io.ringkv.replication.ObjectRef;
import io.ringkv.storage.HintStore;
import io.ringkv.transport.proto.HintBatch;
import io.ringkv.transport.proto.HintedObject;
import io.ringkv.transport.proto.ObjectId;
import io.ringkv.version.ConflictMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One pass of hinted handoff to one owner (the sender): walks the hints kept for it, sends them
 * in batches and deletes each hint only once the owner acknowledged its batch, and only if no
 * newer write changed it meanwhile (that one goes in a later pass).
 *
 * <p>Flow control: at most {@code batchesInFlight} batches await their answer; the walk waits for
 * one to come back before sending more, so a slow owner slows the walk instead of piling up calls,
 * and the memory held is bounded by the batches in flight. The pass runs on the handoff thread and
 * blocks it while it waits; it stops at the first failed batch (the owner went away again).
 */
final class HintDelivery {

  /** Ends the walk of the hint store early. */
  private static final class Stop extends RuntimeException {
    Stop() {
      super(null, null, false, false);
    }
  }

  /** A hint on its way, with the exact bytes to compare when deleting it. */
  private record Sent(int partition, byte[] key, byte[] stored) {}

  private final String owner;
  private final HintStore store;
  private final HintChannel channel;
  private final HintExpiry expiry;
  private final HintedHandoffOptions options;
  private final Function<String, ConflictMode> conflictModeOf;
  private final BooleanSupplier stopping;
  private final AtomicLong delivered;

  private final Semaphore inFlight;
  private final AtomicBoolean failed = new AtomicBoolean();
  private List<Sent> pending = new ArrayList<>();
  private final HintBatch.Builder batch = HintBatch.newBuilder();
  private long batchBytes;

  /**
   * @param conflictModeOf the conflict mode of a bucket, for the owner's merge
   * @param stopping true once the node stops: the pass ends at the next hint
   * @param delivered counts the hints delivered and deleted
   */
  HintDelivery(
      String owner,
      HintStore store,
      HintChannel channel,
      HintExpiry expiry,
      HintedHandoffOptions options,
      Function<String, ConflictMode> conflictModeOf,
      BooleanSupplier stopping,
      AtomicLong delivered) {
    this.owner = owner;
    this.store = store;
    this.channel = channel;
    this.expiry = expiry;
    this.options = options;
    this.conflictModeOf = conflictModeOf;
    this.stopping = stopping;
    this.delivered = delivered;
    this.inFlight = new Semaphore(options.batchesInFlight());
  }

  /**
   * Delivers every hint kept for the owner, blocking until each batch was answered.
   *
   * @return true when every batch was acknowledged
   */
  boolean run() throws InterruptedException {
    try {
      store.forEachFor(owner, this::add);
      if (!pending.isEmpty()) {
        send();
      }
    } catch (Stop stopped) {
      // a batch failed or the node stops: the hints not deleted stay for a later pass
    }
    // Every batch in flight has answered once all permits are back.
    if (!inFlight.tryAcquire(options.batchesInFlight(), 5, TimeUnit.MINUTES)) {
      return false;
    }
    return !failed.get() && !stopping.getAsBoolean();
  }

  private void add(int partition, byte[] key, byte[] stored) {
    if (failed.get() || stopping.getAsBoolean()) {
      throw new Stop();
    }
    HintRecord hint = expiry.liveOrDrop(owner, partition, key, stored);
    if (hint == null) {
      return;
    }
    ObjectRef object = ObjectRef.fromStorageKey(partition, key);
    batch.addHints(
        HintedObject.newBuilder()
            .setObject(
                ObjectId.newBuilder()
                    .setBucket(object.bucket())
                    .setKey(ByteString.copyFrom(object.key()))
                    .setPartition(partition))
            .setSiblings(ByteString.copyFrom(hint.siblings()))
            .setLww(conflictModeOf.apply(object.bucket()) == ConflictMode.LWW));
    pending.add(new Sent(partition, key, stored));
    batchBytes += stored.length;
    if (pending.size() >= options.batchHints() || batchBytes >= options.batchBytes()) {
      send();
    }
  }

  /** Sends the batch gathered so far once a slot is free. */
  private void send() {
    acquireSlot();
    List<Sent> sent = pending;
    HintBatch request = batch.build();
    pending = new ArrayList<>();
    batch.clear();
    batchBytes = 0;
    channel
        .deliver(owner, request)
        .onComplete(
            answer -> {
              if (answer.succeeded()) {
                deleteDelivered(sent);
              } else {
                failed.set(true);
              }
              inFlight.release();
            });
  }

  private void deleteDelivered(List<Sent> sent) {
    for (Sent hint : sent) {
      if (store.removeIfUnchanged(owner, hint.partition(), hint.key(), hint.stored())) {
        delivered.incrementAndGet();
      }
    }
  }

  private void acquireSlot() {
    try {
      // Every call ends by its deadline, so a slot frees up; the bound only guards against a bug.
      if (!inFlight.tryAcquire(5, TimeUnit.MINUTES)) {
        failed.set(true);
        throw new Stop();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stop();
    }
  }
}
