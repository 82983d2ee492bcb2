package io.ringkv.cluster;

import io.ringkv.transport.proto.BucketAck;
import io.ringkv.transport.proto.BucketEntry;
import io.ringkv.transport.proto.ClusterService;
import io.ringkv.transport.proto.HelloReply;
import io.ringkv.transport.proto.HelloRequest;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;

/** The peer-facing side of membership: hellos and bucket-property pushes from other nodes. */
public final class ClusterEndpoint extends ClusterService {

  private final StaticMembership membership;
  private final ClusterIdentity identity;
  private final ClusterBucketRegistry buckets;

  public ClusterEndpoint(
      StaticMembership membership, ClusterIdentity identity, ClusterBucketRegistry buckets) {
    this.membership = membership;
    this.identity = identity;
    this.buckets = buckets;
  }

  @Override
  public Future<HelloReply> hello(HelloRequest request) {
    String refusal = identity.refusal(request.getFrom());
    if (refusal != null) {
      return Future.failedFuture(new StatusException(GrpcStatus.FAILED_PRECONDITION, refusal));
    }
    membership.onHelloFrom(ClusterMessages.fromProto(request.getFrom()));
    buckets.mergeAll(request.getBucketsList());
    return Future.succeededFuture(
        HelloReply.newBuilder()
            .setNode(ClusterMessages.toProto(membership.self(), identity))
            .addAllBuckets(buckets.entries())
            .build());
  }

  @Override
  public Future<BucketAck> updateBucket(BucketEntry entry) {
    buckets.merge(entry);
    return Future.succeededFuture(BucketAck.getDefaultInstance());
  }
}
