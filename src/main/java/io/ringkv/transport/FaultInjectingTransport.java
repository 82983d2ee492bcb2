package io.ringkv.transport;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.ServiceMethod;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A transport decorator that drops or delays calls to chosen peers, for in-JVM failure tests:
 * a dropped call fails after its deadline as an unreachable peer's would, a delayed one is sent
 * late. Rules change at any time; they apply to calls started afterwards.
 */
public final class FaultInjectingTransport implements PeerTransport {

  private final Vertx vertx;
  private final PeerTransport delegate;
  private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> delaysMillis = new ConcurrentHashMap<>();

  public FaultInjectingTransport(Vertx vertx, PeerTransport delegate) {
    this.vertx = vertx;
    this.delegate = delegate;
  }

  /** Calls to this peer time out, as if the network between us were cut. */
  public void cut(String peerAddress) {
    unreachable.add(peerAddress);
  }

  /** Calls to this peer are sent this much later. */
  public void delay(String peerAddress, long millis) {
    delaysMillis.put(peerAddress, millis);
  }

  /** Removes every rule for this peer. */
  public void heal(String peerAddress) {
    unreachable.remove(peerAddress);
    delaysMillis.remove(peerAddress);
  }

  public void healAll() {
    unreachable.clear();
    delaysMillis.clear();
  }

  @Override
  public <Req, Rep> Future<Rep> call(
      String peerAddress, ServiceMethod<Rep, Req> method, Req request, long deadlineMillis) {
    if (unreachable.contains(peerAddress)) {
      return failAfter(deadlineMillis, method.methodName() + " to " + peerAddress + " dropped (cut)");
    }
    long delay = delaysMillis.getOrDefault(peerAddress, 0L);
    if (delay <= 0) {
      return delegate.call(peerAddress, method, request, deadlineMillis);
    }
    if (delay >= deadlineMillis) {
      return failAfter(deadlineMillis, method.methodName() + " to " + peerAddress + " timed out (delayed)");
    }
    Promise<Rep> reply = Promise.promise();
    vertx.setTimer(
        delay,
        id -> delegate.call(peerAddress, method, request, deadlineMillis - delay).onComplete(reply));
    return reply.future();
  }

  private <Rep> Future<Rep> failAfter(long millis, String message) {
    Promise<Rep> reply = Promise.promise();
    vertx.setTimer(millis, id -> reply.fail(new PeerCallException(message)));
    return reply.future();
  }

  @Override
  public Future<Void> close() {
    return delegate.close();
  }
}
