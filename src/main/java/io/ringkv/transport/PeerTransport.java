package io.ringkv.transport;

import io.vertx.core.Future;
import io.vertx.grpc.common.ServiceMethod;

/**
 * The narrow port through which a node calls its peers: one unary call to one peer address, with
 * a deadline. Everything a node says to another goes through here, so a test can wrap it (see
 * {@link FaultInjectingTransport}) to drop, delay or partition traffic inside one JVM.
 */
public interface PeerTransport {

  /**
   * Calls one unary method on a peer.
   *
   * @param peerAddress the peer's {@code host:port}
   * @param method the generated client-side method descriptor (e.g. {@code ReplicaGrpcClient.Read})
   * @param request the request message
   * @param deadlineMillis the call fails with {@link PeerCallException} if no answer arrives in time
   * @return the reply; fails with {@link PeerCallException} on any transport or status error
   */
  <Req, Rep> Future<Rep> call(
      String peerAddress, ServiceMethod<Rep, Req> method, Req request, long deadlineMillis);

  /** Closes pooled connections. */
  Future<Void> close();
}
