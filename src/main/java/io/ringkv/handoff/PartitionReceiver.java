package io.ringkv.handoff;

import com.google.protobuf.ByteString;
import io.ringkv.cluster.PartitionMove;
import io.ringkv.replication.LocalReplica;
import io.ringkv.replication.ObjectRef;
import io.ringkv.transport.PeerTransport;
import io.ringkv.transport.proto.HandoffGrpcClient;
import io.ringkv.transport.proto.PullReply;
import io.ringkv.transport.proto.PullRequest;
import io.ringkv.transport.proto.TransferEntry;
import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSetCodec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The receiving side of a transfer: pulls one partition page by page from its source and merges
 * every entry into the local replica (a merge, never an overwrite: writes that reached this node
 * during the transfer stay). One page is in flight at a time, and the next is asked for only once
 * the last is merged and its cursor saved: that is the flow control, and what makes a transfer
 * resume where it stopped after a crash of either side.
 */
final class PartitionReceiver {

  private final Vertx vertx;
  private final PeerTransport transport;
  private final LocalReplica local;
  private final Function<String, ConflictMode> conflictModes;
  private final TransferProgress progress;
  private final HandoffOptions options;
  private final String selfId;
  private final long deadlineMillis;
  private final AtomicLong keysReceived = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();

  PartitionReceiver(
      Vertx vertx,
      PeerTransport transport,
      LocalReplica local,
      Function<String, ConflictMode> conflictModes,
      TransferProgress progress,
      HandoffOptions options,
      String selfId,
      long deadlineMillis) {
    this.vertx = vertx;
    this.transport = transport;
    this.local = local;
    this.conflictModes = conflictModes;
    this.progress = progress;
    this.options = options;
    this.selfId = selfId;
    this.deadlineMillis = deadlineMillis;
  }

  /**
   * Receives a partition from {@code sourceAddress}, from its saved cursor on. Completes once the
   * partition is complete and saved; fails at the first failed pull (the caller retries later).
   */
  Future<Void> receive(PartitionMove move, long ringVersion, String sourceAddress) {
    Promise<Void> received = Promise.promise();
    pullNext(move, ringVersion, sourceAddress, received);
    return received.future();
  }

  private void pullNext(PartitionMove move, long ringVersion, String sourceAddress, Promise<Void> received) {
    byte[] cursor = progress.cursor(move.partition());
    PullRequest.Builder request =
        PullRequest.newBuilder()
            .setReceiver(selfId)
            .setPartition(move.partition())
            .setRingVersion(ringVersion)
            .setMaxKeys(options.pageKeys())
            .setMaxBytes(options.pageBytes());
    if (cursor == null) {
      request.setFromStart(true);
    } else {
      request.setAfterKey(ByteString.copyFrom(cursor));
    }
    transport
        .call(sourceAddress, HandoffGrpcClient.Pull, request.build(), deadlineMillis)
        .compose(page -> vertx.executeBlocking(() -> merge(move.partition(), ringVersion, page), false))
        .onSuccess(done -> {
          if (done) {
            received.complete();
          } else {
            pullNext(move, ringVersion, sourceAddress, received);
          }
        })
        .onFailure(received::fail);
  }

  /** Merges a page and saves the cursor after it (blocking); true when the partition is complete. */
  private boolean merge(int partition, long ringVersion, PullReply page) {
    byte[] last = null;
    for (TransferEntry entry : page.getEntriesList()) {
      byte[] key = entry.getKey().toByteArray();
      ObjectRef object = ObjectRef.fromStorageKey(partition, key);
      local.merge(object, SiblingSetCodec.decode(entry.getSiblings().toByteArray()), conflictModes.apply(object.bucket()));
      keysReceived.incrementAndGet();
      bytesReceived.addAndGet(key.length + entry.getSiblings().size());
      last = key;
    }
    if (page.getDone()) {
      progress.complete(ringVersion, partition);
    } else if (last != null) {
      progress.advance(ringVersion, partition, last);
    }
    progress.save();
    return page.getDone();
  }

  long keysReceived() {
    return keysReceived.get();
  }

  long bytesReceived() {
    return bytesReceived.get();
  }
}
