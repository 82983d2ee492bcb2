package io.ringkv.cluster;

import io.ringkv.transport.proto.GossipSender;
import io.ringkv.transport.proto.NodeInfo;

/**
 * What every member of one cluster must agree on. A node of another cluster, or one built with
 * another partition count, is refused: mixing them would scatter keys over two incompatible rings.
 *
 * @param clusterName the cluster's name
 * @param partitionCount Q, fixed at cluster creation
 */
public record ClusterIdentity(String clusterName, int partitionCount) {

  /** Why a peer does not belong here, or null when it does. */
  public String refusal(NodeInfo peer) {
    return refusal(peer.getId(), peer.getClusterName(), peer.getPartitionCount());
  }

  /** Why a gossiping peer does not belong here, or null when it does. */
  public String refusal(GossipSender peer) {
    return refusal(peer.getId(), peer.getClusterName(), peer.getPartitionCount());
  }

  private String refusal(String id, String peerCluster, int peerPartitions) {
    if (!clusterName.equals(peerCluster)) {
      return "node " + id + " belongs to cluster '" + peerCluster + "', this one is '" + clusterName + "'";
    }
    if (partitionCount != peerPartitions) {
      return "node " + id + " has " + peerPartitions + " partitions, this cluster has " + partitionCount;
    }
    return null;
  }
}
