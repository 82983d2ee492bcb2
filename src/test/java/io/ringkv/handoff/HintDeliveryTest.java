package io.ringkv.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.replication.HintRecord;
import io.ringkv.replication.ObjectRef;
import io.ringkv.storage.InMemoryHintStore;
import io.ringkv.transport.PeerCallException;
import io.ringkv.transport.proto.HintBatch;
import io.ringkv.version.ConflictMode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One handoff pass against an in-memory hint store and an owner played by the test. */
class HintDeliveryTest {

  private static final long NOW = 10_000_000;

  private final InMemoryHintStore store = new InMemoryHintStore();
  private final AtomicLong delivered = new AtomicLong();

  private void keep(String owner, int count, long hintedAt) {
    for (int i = 0; i < count; i++) {
      byte[] key = new ObjectRef("b", ("k" + i).getBytes(StandardCharsets.UTF_8), i % 4).storageKey();
      byte[] hint = new HintRecord(hintedAt, new byte[] {(byte) i}).encode();
      store.merge(owner, i % 4, key, none -> hint);
    }
  }

  private HintDelivery delivery(String owner, HintChannel channel, HintExpiry expiry, int batch, int inFlight) {
    HintedHandoffOptions options = HintedHandoffOptions.defaults().withBatches(batch, inFlight);
    return new HintDelivery(owner, store, channel, expiry, options, bucket -> ConflictMode.SIBLINGS, () -> false, delivered);
  }

  private HintExpiry expiry() {
    return new HintExpiry(store, 60_000, () -> NOW);
  }

  @Test
  void every_hint_is_delivered_in_batches_and_deleted_once_acknowledged() throws Exception {
    keep("a", 25, NOW);
    List<HintBatch> batches = new CopyOnWriteArrayList<>();

    boolean complete =
        delivery("a", (owner, batch) -> { batches.add(batch); return Future.succeededFuture(); }, expiry(), 10, 2).run();

    assertThat(complete).isTrue();
    assertThat(batches).extracting(HintBatch::getHintsCount).containsExactlyInAnyOrder(10, 10, 5);
    assertThat(store.pending()).isZero();
    assertThat(delivered).hasValue(25);
  }

  @Test
  void no_more_batches_than_allowed_await_their_answer_at_once() throws Exception {
    keep("a", 40, NOW);
    AtomicInteger awaiting = new AtomicInteger();
    AtomicInteger mostAwaiting = new AtomicInteger();
    HintChannel slowOwner =
        (owner, batch) -> {
          mostAwaiting.accumulateAndGet(awaiting.incrementAndGet(), Math::max);
          Promise<Void> ack = Promise.promise();
          CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS)
              .execute(() -> { awaiting.decrementAndGet(); ack.complete(); });
          return ack.future();
        };

    assertThat(delivery("a", slowOwner, expiry(), 4, 2).run()).isTrue();

    assertThat(mostAwaiting.get()).isBetween(1, 2);
    assertThat(store.pending()).isZero();
  }

  @Test
  void a_hint_stays_until_its_batch_is_acknowledged_and_a_failed_batch_keeps_its_hints() throws Exception {
    keep("a", 6, NOW);
    HintChannel ownerGone = (owner, batch) -> Future.failedFuture(new PeerCallException("refused"));

    boolean complete = delivery("a", ownerGone, expiry(), 3, 1).run();

    assertThat(complete).isFalse();
    assertThat(store.pending()).isEqualTo(6);
    assertThat(delivered).hasValue(0);
  }

  @Test
  void a_hint_changed_by_a_newer_write_while_its_batch_was_in_flight_survives_for_the_next_pass() throws Exception {
    keep("a", 1, NOW);
    byte[] key = new ObjectRef("b", "k0".getBytes(StandardCharsets.UTF_8), 0).storageKey();
    HintChannel ownerAcksAfterANewWrite =
        (owner, batch) -> {
          store.merge("a", 0, key, old -> new HintRecord(NOW, new byte[] {9}).encode());
          return Future.succeededFuture();
        };

    delivery("a", ownerAcksAfterANewWrite, expiry(), 10, 1).run();

    assertThat(store.pending()).isEqualTo(1);
    assertThat(delivered).hasValue(0);
  }

  @Test
  void hints_older_than_the_window_are_dropped_and_counted_never_delivered() throws Exception {
    keep("a", 3, NOW - 120_000);
    keep("b", 2, NOW - 120_000);
    List<HintBatch> batches = new CopyOnWriteArrayList<>();
    HintExpiry expiry = expiry();

    delivery("a", (owner, batch) -> { batches.add(batch); return Future.succeededFuture(); }, expiry, 10, 1).run();
    expiry.sweep("b");

    assertThat(batches).isEmpty();
    assertThat(store.pending()).isZero();
    assertThat(expiry.dropped()).isEqualTo(5);
  }

  @Test
  void only_the_hints_of_the_owner_being_served_are_sent() throws Exception {
    keep("a", 3, NOW);
    keep("b", 4, NOW);
    AtomicInteger sent = new AtomicInteger();

    delivery("a", (owner, batch) -> { sent.addAndGet(batch.getHintsCount()); return Future.succeededFuture(); },
        expiry(), 10, 1).run();

    assertThat(sent).hasValue(3);
    assertThat(store.pendingByTarget()).containsExactly(java.util.Map.entry("b", 4L));
  }
}
