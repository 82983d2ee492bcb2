package io.ringkv.cluster;

import io.ringkv.transport.proto.BucketAck;
import io.ringkv.transport.proto.BucketEntry;
import io.ringkv.transport.proto.ClusterService;
import io.ringkv.transport.proto.HelloReply;
import io.ringkv.transport.proto.HelloRequest;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.util.function.Supplier;

/**
 * The peer-facing identity check: a hello says who a node is and which cluster it belongs to. An
 * operator's {@code admin join SEED} says hello to the seed first, so a seed of another cluster (or
 * partition count) is refused at once with a clear message, before anything is gossiped.
 */
public final class ClusterEndpoint extends ClusterService {

  private final Supplier<NodeInfo> self;
  private final ClusterIdentity identity;
  private final ClusterBucketRegistry buckets;

  public ClusterEndpoint(Supplier<NodeInfo> self, ClusterIdentity identity, ClusterBucketRegistry buckets) {
    this.self = self;
    this.identity = identity;
    this.buckets = buckets;
  }

  @Override
  public Future<HelloReply> hello(HelloRequest request) {
    String refusal = identity.refusal(request.getFrom());
    if (refusal != null) {
      return Future.failedFuture(new StatusException(GrpcStatus.FAILED_PRECONDITION, refusal));
    }
    NodeInfo node = self.get();
    if (node.peerAddress().isEmpty()) {
      // Not started: it does not know its own addresses yet, and an empty answer would be taken
      // for a node without any.
      return Future.failedFuture(new StatusException(GrpcStatus.UNAVAILABLE, "node " + node.id() + " is starting"));
    }
    buckets.mergeAll(request.getBucketsList());
    return Future.succeededFuture(
        HelloReply.newBuilder()
            .setNode(ClusterMessages.toProto(node, identity))
            .addAllBuckets(buckets.entries())
            .build());
  }

  /** Kept for peers that still push bucket properties; gossip spreads them now. */
  @Override
  public Future<BucketAck> updateBucket(BucketEntry entry) {
    buckets.merge(entry);
    return Future.succeededFuture(BucketAck.getDefaultInstance());
  }
}
