package io.ringkv.antientropy;

import com.google.protobuf.MessageLite;
import io.ringkv.transport.PeerTransport;
import io.ringkv.transport.proto.AntiEntropyGrpcClient;
import io.ringkv.transport.proto.FetchRequest;
import io.ringkv.transport.proto.LeafEntriesRequest;
import io.ringkv.transport.proto.PushRequest;
import io.ringkv.transport.proto.TombstonesRequest;
import io.ringkv.transport.proto.TreeHashesReply;
import io.ringkv.transport.proto.TreeHashesRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.ServiceMethod;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Another replica of a partition as the node driving an exchange (or a sweep) sees it: its
 * AntiEntropy service over the peer transport. Every call waits its turn in the node's
 * {@link BandwidthLimit} (the reply is charged after it arrives) and counts its bytes both ways.
 */
final class RemoteReplica {

  private final Vertx vertx;
  private final PeerTransport transport;
  private final BandwidthLimit bandwidth;
  private final String nodeId;
  private final String address;
  private final long deadlineMillis;
  private long bytes;

  RemoteReplica(Vertx vertx, PeerTransport transport, BandwidthLimit bandwidth, String nodeId, String address, long deadlineMillis) {
    this.vertx = vertx;
    this.transport = transport;
    this.bandwidth = bandwidth;
    this.nodeId = nodeId;
    this.address = address;
    this.deadlineMillis = deadlineMillis;
  }

  String nodeId() {
    return nodeId;
  }

  /** Bytes of requests and replies so far. */
  long bytes() {
    return bytes;
  }

  /** The peer's hashes of some nodes of one level; {@code ready} false while it has no tree. */
  Future<TreeHashesReply> treeHashes(int partition, int level, int[] indices) {
    TreeHashesRequest request = TreeHashesRequest.newBuilder()
        .setPartition(partition)
        .setLevel(level)
        .addAllIndices(Arrays.stream(indices).boxed().toList())
        .build();
    return call(AntiEntropyGrpcClient.TreeHashes, request);
  }

  /** The peer's keys under some nodes of one level, with their digests. */
  Future<Map<ByteBuffer, Long>> entriesUnder(int partition, int level, int[] indices) {
    LeafEntriesRequest request = LeafEntriesRequest.newBuilder()
        .setPartition(partition)
        .setLevel(level)
        .addAllIndices(Arrays.stream(indices).boxed().toList())
        .build();
    return call(AntiEntropyGrpcClient.LeafEntries, request)
        .map(reply -> AntiEntropyMessages.fromKeyDigests(reply.getEntriesList()));
  }

  /** The peer's stored sibling sets of some keys (encoded; empty when it stores none). */
  Future<Map<ByteBuffer, byte[]>> fetch(int partition, Collection<ByteBuffer> keys) {
    FetchRequest request = FetchRequest.newBuilder()
        .setPartition(partition)
        .addAllKeys(AntiEntropyMessages.toKeys(keys))
        .build();
    return call(AntiEntropyGrpcClient.Fetch, request)
        .map(reply -> AntiEntropyMessages.fromStoredObjects(reply.getObjectsList()));
  }

  /** Has the peer merge these sibling sets; answers how many keys changed there. */
  Future<Integer> push(int partition, Map<ByteBuffer, byte[]> objects) {
    PushRequest request = PushRequest.newBuilder()
        .setPartition(partition)
        .addAllObjects(AntiEntropyMessages.toStoredObjects(objects))
        .build();
    return call(AntiEntropyGrpcClient.Push, request).map(reply -> reply.getChanged());
  }

  /** Which of these tombstones the peer holds with exactly these digests. */
  Future<Set<ByteBuffer>> holding(int partition, Map<ByteBuffer, Long> tombstones) {
    List<ByteBuffer> asked = List.copyOf(tombstones.keySet());
    return call(AntiEntropyGrpcClient.HoldsTombstones, tombstones(partition, tombstones))
        .map(reply -> {
          Set<ByteBuffer> held = new HashSet<>();
          reply.getHeldList().forEach(index -> held.add(asked.get(index)));
          return held;
        });
  }

  /** Has the peer purge these tombstones where they are still exactly these versions. */
  Future<Integer> purge(int partition, Map<ByteBuffer, Long> tombstones) {
    return call(AntiEntropyGrpcClient.PurgeTombstones, tombstones(partition, tombstones))
        .map(reply -> reply.getPurged());
  }

  private static TombstonesRequest tombstones(int partition, Map<ByteBuffer, Long> tombstones) {
    return TombstonesRequest.newBuilder()
        .setPartition(partition)
        .addAllTombstones(AntiEntropyMessages.toKeyDigests(tombstones))
        .build();
  }

  private <Req extends MessageLite, Rep extends MessageLite> Future<Rep> call(
      ServiceMethod<Rep, Req> method, Req request) {
    int requestBytes = request.getSerializedSize();
    bytes += requestBytes;
    return waitTurn(requestBytes)
        .compose(ready -> transport.call(address, method, request, deadlineMillis))
        .onSuccess(reply -> {
          int replyBytes = reply.getSerializedSize();
          bytes += replyBytes;
          bandwidth.charge(replyBytes, System.nanoTime());
        });
  }

  private Future<Void> waitTurn(int requestBytes) {
    long delayNanos = bandwidth.charge(requestBytes, System.nanoTime());
    if (delayNanos <= 0) {
      return Future.succeededFuture();
    }
    return vertx.timer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(delayNanos))).mapEmpty();
  }
}
