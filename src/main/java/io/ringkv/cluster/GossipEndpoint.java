package io.ringkv.cluster;

import io.ringkv.transport.proto.GossipDeliverReply;
import io.ringkv.transport.proto.GossipDelta;
import io.ringkv.transport.proto.GossipDigest;
import io.ringkv.transport.proto.GossipReply;
import io.ringkv.transport.proto.GossipService;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;

/** The peer-facing side of gossip: the callee's legs of an exchange. */
public final class GossipEndpoint extends GossipService {

  private final GossipMembership membership;

  public GossipEndpoint(GossipMembership membership) {
    this.membership = membership;
  }

  @Override
  public Future<GossipReply> exchange(GossipDigest digest) {
    return Future.succeededFuture(membership.onExchange(digest));
  }

  @Override
  public Future<GossipDeliverReply> deliver(GossipDelta delta) {
    return membership
        .onDeliver(delta)
        .recover(refused -> Future.failedFuture(new StatusException(GrpcStatus.FAILED_PRECONDITION, refused.getMessage())));
  }
}
