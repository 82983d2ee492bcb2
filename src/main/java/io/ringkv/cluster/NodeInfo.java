package io.ringkv.cluster;

/**
 * What the cluster knows of one node: its identity and where to reach it.
 *
 * @param id the node id ({@code --id}), unique and stable across restarts
 * @param peerAddress host:port of the peer port (node-to-node gRPC)
 * @param httpAddress host:port of the client HTTP API
 * @param grpcAddress host:port of the client gRPC API
 * @param rack the rack (or zone) for replica placement; empty when unset
 * @param weight relative capacity: a node of weight 2 owns twice the partitions
 */
public record NodeInfo(
    String id, String peerAddress, String httpAddress, String grpcAddress, String rack, int weight) {

  public NodeInfo {
    rack = rack == null ? "" : rack;
    weight = Math.max(1, weight);
  }
}
