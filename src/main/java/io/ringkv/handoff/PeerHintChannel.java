package io.ringkv.handoff;

import io.ringkv.cluster.ClusterView;
import io.ringkv.cluster.NodeInfo;
import io.ringkv.transport.PeerCallException;
import io.ringkv.transport.PeerTransport;
import io.ringkv.transport.proto.HintBatch;
import io.ringkv.transport.proto.HintsGrpcClient;
import io.vertx.core.Future;
import java.util.Optional;

/** {@link HintChannel} over the peer transport, to the owner's {@link HintReceiver}. */
public final class PeerHintChannel implements HintChannel {

  private final ClusterView cluster;
  private final PeerTransport transport;
  private final long deadlineMillis;

  public PeerHintChannel(ClusterView cluster, PeerTransport transport, long deadlineMillis) {
    this.cluster = cluster;
    this.transport = transport;
    this.deadlineMillis = deadlineMillis;
  }

  @Override
  public Future<Void> deliver(String owner, HintBatch batch) {
    Optional<NodeInfo> node = cluster.node(owner);
    if (node.isEmpty()) {
      return Future.failedFuture(new PeerCallException("unknown node " + owner));
    }
    Future<?> reply;
    try {
      reply = transport.call(node.get().peerAddress(), HintsGrpcClient.Deliver, batch, deadlineMillis);
    } catch (RuntimeException e) {
      reply = Future.failedFuture(new PeerCallException("Deliver to " + owner + " failed: " + e, e));
    }
    return reply.andThen(outcome -> cluster.reportCall(owner, outcome.succeeded())).mapEmpty();
  }
}
