package io.ringkv.transport;

import io.vertx.core.Vertx;

/** Wraps a node's peer transport as the node starts; tests use it to inject faults. */
@FunctionalInterface
public interface TransportDecorator {

  TransportDecorator NONE = (nodeId, vertx, transport) -> transport;

  PeerTransport decorate(String nodeId, Vertx vertx, PeerTransport transport);
}
