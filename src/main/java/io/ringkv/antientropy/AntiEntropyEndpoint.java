package io.ringkv.antientropy;

import io.ringkv.transport.proto.FetchReply;
import io.ringkv.transport.proto.FetchRequest;
import io.ringkv.transport.proto.HoldsTombstonesReply;
import io.ringkv.transport.proto.LeafEntriesReply;
import io.ringkv.transport.proto.LeafEntriesRequest;
import io.ringkv.transport.proto.PurgeTombstonesReply;
import io.ringkv.transport.proto.PushReply;
import io.ringkv.transport.proto.PushRequest;
import io.ringkv.transport.proto.TombstonesRequest;
import io.ringkv.transport.proto.TreeHashesReply;
import io.ringkv.transport.proto.TreeHashesRequest;
import io.ringkv.transport.proto.AntiEntropyService;
import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The peer-facing side of anti-entropy: answers the replica that drives an exchange. Tree hashes
 * come from memory; listings, reads and merges run on the anti-entropy worker pool.
 */
final class AntiEntropyEndpoint extends AntiEntropyService {

  private final LocalPartitions local;
  private final boolean enabled;

  AntiEntropyEndpoint(LocalPartitions local, boolean enabled) {
    this.local = local;
    this.enabled = enabled;
  }

  @Override
  public Future<TreeHashesReply> treeHashes(TreeHashesRequest request) {
    return answer(request.getPartition(), () -> {
      TreeHashesReply.Builder reply = TreeHashesReply.newBuilder()
          .setDepth(local.depth())
          .setKeys(local.tree(request.getPartition()).keys());
      if (!enabled || request.getLevel() > local.depth()) {
        return Future.succeededFuture(reply.setReady(false).build());
      }
      long[] hashes =
          local.tree(request.getPartition())
              .hashes(request.getLevel(), AntiEntropyMessages.indices(request.getIndicesList()));
      if (hashes == null) {
        return Future.succeededFuture(reply.setReady(false).build());
      }
      for (long hash : hashes) {
        reply.addHashes(hash);
      }
      return Future.succeededFuture(reply.setReady(true).build());
    });
  }

  @Override
  public Future<LeafEntriesReply> leafEntries(LeafEntriesRequest request) {
    return answer(request.getPartition(), () -> local
        .entriesUnder(request.getPartition(), request.getLevel(), AntiEntropyMessages.indices(request.getIndicesList()))
        .map(entries -> LeafEntriesReply.newBuilder().addAllEntries(AntiEntropyMessages.toKeyDigests(entries)).build()));
  }

  @Override
  public Future<FetchReply> fetch(FetchRequest request) {
    return answer(request.getPartition(), () -> {
      List<ByteBuffer> keys = AntiEntropyMessages.fromKeys(request.getKeysList());
      return local
          .read(request.getPartition(), keys)
          .map(objects -> FetchReply.newBuilder().addAllObjects(AntiEntropyMessages.toStoredObjects(objects)).build());
    });
  }

  @Override
  public Future<PushReply> push(PushRequest request) {
    return answer(request.getPartition(), () -> local
        .merge(request.getPartition(), AntiEntropyMessages.fromStoredObjects(request.getObjectsList()))
        .map(changed -> PushReply.newBuilder().setChanged(changed).build()));
  }

  @Override
  public Future<HoldsTombstonesReply> holdsTombstones(TombstonesRequest request) {
    return answer(request.getPartition(), () -> {
      List<ByteBuffer> asked = request.getTombstonesList().stream()
          .map(tombstone -> ByteBuffer.wrap(tombstone.getKey().toByteArray()))
          .toList();
      Map<ByteBuffer, Long> tombstones = AntiEntropyMessages.fromKeyDigests(request.getTombstonesList());
      return local
          .holding(request.getPartition(), tombstones)
          .map(held -> {
            HoldsTombstonesReply.Builder reply = HoldsTombstonesReply.newBuilder();
            for (int i = 0; i < asked.size(); i++) {
              if (held.contains(asked.get(i))) {
                reply.addHeld(i);
              }
            }
            return reply.build();
          });
    });
  }

  @Override
  public Future<PurgeTombstonesReply> purgeTombstones(TombstonesRequest request) {
    return answer(request.getPartition(), () -> local
        .purge(request.getPartition(), AntiEntropyMessages.fromKeyDigests(request.getTombstonesList()))
        .map(purged -> PurgeTombstonesReply.newBuilder().setPurged(purged).build()));
  }

  /** Runs {@code answer} for a partition that exists; a bad request fails the call, never the server. */
  private <T> Future<T> answer(int partition, Supplier<Future<T>> answer) {
    if (partition < 0 || partition >= local.partitionCount()) {
      return Future.failedFuture(
          new IllegalArgumentException("no partition " + partition + " of " + local.partitionCount()));
    }
    try {
      return answer.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
