package io.ringkv.antientropy;

import io.ringkv.transport.PeerTransport;
import io.vertx.core.Vertx;

/** Makes the {@link RemoteReplica} of one task, sharing the node's transport and bandwidth. */
final class RemoteReplicas {

  private final Vertx vertx;
  private final PeerTransport transport;
  private final BandwidthLimit bandwidth;
  private final long deadlineMillis;

  RemoteReplicas(Vertx vertx, PeerTransport transport, BandwidthLimit bandwidth, long deadlineMillis) {
    this.vertx = vertx;
    this.transport = transport;
    this.bandwidth = bandwidth;
    this.deadlineMillis = deadlineMillis;
  }

  /** A fresh view of a peer, counting the bytes of one task. */
  RemoteReplica at(String nodeId, String peerAddress) {
    return new RemoteReplica(vertx, transport, bandwidth, nodeId, peerAddress, deadlineMillis);
  }
}
