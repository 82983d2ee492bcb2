package io.ringkv.cluster;

/** Conversions between membership records and their peer-protocol messages. */
final class ClusterMessages {

  private ClusterMessages() {}

  static io.ringkv.transport.proto.NodeInfo toProto(NodeInfo node, ClusterIdentity identity) {
    return toProto(node).toBuilder()
        .setClusterName(identity.clusterName())
        .setPartitionCount(identity.partitionCount())
        .build();
  }

  static io.ringkv.transport.proto.NodeInfo toProto(NodeInfo node) {
    return io.ringkv.transport.proto.NodeInfo.newBuilder()
        .setId(node.id())
        .setPeerAddress(node.peerAddress())
        .setHttpAddress(node.httpAddress())
        .setGrpcAddress(node.grpcAddress())
        .setRack(node.rack())
        .setWeight(node.weight())
        .build();
  }

  static NodeInfo fromProto(io.ringkv.transport.proto.NodeInfo node) {
    return new NodeInfo(
        node.getId(),
        node.getPeerAddress(),
        node.getHttpAddress(),
        node.getGrpcAddress(),
        node.getRack(),
        node.getWeight());
  }
}
