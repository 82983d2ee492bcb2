package io.ringkv.handoff;

import com.google.protobuf.ByteString;
import io.ringkv.storage.PartitionedStore;
import io.ringkv.transport.proto.PullReply;
import io.ringkv.transport.proto.PullRequest;
import io.ringkv.transport.proto.TransferEntry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sending side of a transfer: serves a partition page by page, in storage-key order, after
 * the cursor the receiver sends. The receiver asks for the next page only once it merged the last
 * one, so it sets the pace; and since the cursor is a key, a pull resumes after a restart of
 * either side.
 *
 * <p>The key order comes from a snapshot of the partition's keys, taken at the first pull of a
 * change and shared by the pulls that follow. A key written after the snapshot reaches the
 * receiver anyway: transfers start only once every coordinator writes to both replica sets. Pages
 * are built on worker threads (iterating a partition takes up to a few hundred milliseconds).
 */
final class PartitionSender {

  /** Snapshots not pulled from for this long are let go. */
  private static final long SNAPSHOT_IDLE_MILLIS = 60_000;

  private final Vertx vertx;
  private final PartitionedStore store;
  private final Map<SnapshotKey, Snapshot> snapshots = new ConcurrentHashMap<>();
  private final AtomicLong pagesServed = new AtomicLong();
  private final AtomicLong bytesSent = new AtomicLong();

  private record SnapshotKey(int partition, long ringVersion) {}

  /** The sorted keys of a partition, as they were at the first pull. */
  private static final class Snapshot {
    private final byte[][] keys;
    private volatile long lastUsed = System.currentTimeMillis();

    Snapshot(byte[][] keys) {
      this.keys = keys;
    }
  }

  PartitionSender(Vertx vertx, PartitionedStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  Future<PullReply> pull(PullRequest request) {
    return vertx.executeBlocking(() -> page(request), false);
  }

  private PullReply page(PullRequest request) {
    forgetIdleSnapshots();
    int partition = request.getPartition();
    Snapshot snapshot =
        snapshots.computeIfAbsent(new SnapshotKey(partition, request.getRingVersion()), key -> take(partition));
    snapshot.lastUsed = System.currentTimeMillis();
    int next = request.getFromStart() ? 0 : firstAfter(snapshot.keys, request.getAfterKey().toByteArray());
    PullReply.Builder reply = PullReply.newBuilder();
    long bytes = 0;
    int count = 0;
    while (next < snapshot.keys.length && count < request.getMaxKeys() && (count == 0 || bytes < request.getMaxBytes())) {
      byte[] key = snapshot.keys[next++];
      byte[] value = store.get(partition, key);
      if (value == null) {
        continue; // dropped or removed since the snapshot
      }
      reply.addEntries(TransferEntry.newBuilder().setKey(ByteString.copyFrom(key)).setSiblings(ByteString.copyFrom(value)));
      bytes += key.length + value.length;
      count++;
    }
    pagesServed.incrementAndGet();
    bytesSent.addAndGet(bytes);
    return reply.setDone(next >= snapshot.keys.length).build();
  }

  private Snapshot take(int partition) {
    List<byte[]> keys = new ArrayList<>();
    store.forEach(partition, (key, value) -> keys.add(key));
    byte[][] sorted = keys.toArray(byte[][]::new);
    Arrays.sort(sorted, Arrays::compareUnsigned);
    return new Snapshot(sorted);
  }

  /** The index of the first key strictly after {@code cursor}. */
  private static int firstAfter(byte[][] keys, byte[] cursor) {
    int low = 0;
    int high = keys.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (Arrays.compareUnsigned(keys[middle], cursor) <= 0) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private void forgetIdleSnapshots() {
    long now = System.currentTimeMillis();
    snapshots.values().removeIf(snapshot -> now - snapshot.lastUsed > SNAPSHOT_IDLE_MILLIS);
  }

  long pagesServed() {
    return pagesServed.get();
  }

  long bytesSent() {
    return bytesSent.get();
  }
}
