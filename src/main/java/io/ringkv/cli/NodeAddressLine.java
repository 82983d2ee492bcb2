package io.ringkv.cli;

import io.ringkv.cluster.NodeInfo;

/** How {@code node} and {@code local} print where a node listens, so both read the same. */
final class NodeAddressLine {

  private NodeAddressLine() {}

  /** {@code http://127.0.0.1:8081  grpc 127.0.0.1:9091  peer 127.0.0.1:7071} */
  static String of(NodeInfo node) {
    return "http://" + node.httpAddress() + "  grpc " + node.grpcAddress() + "  peer " + node.peerAddress();
  }
}
