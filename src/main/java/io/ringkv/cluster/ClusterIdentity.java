package io.ringkv.cluster;

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
    if (!clusterName.equals(peer.getClusterName())) {
      return "node " + peer.getId() + " belongs to cluster '" + peer.getClusterName()
          + "', this one is '" + clusterName + "'";
    }
    if (partitionCount != peer.getPartitionCount()) {
      return "node " + peer.getId() + " has " + peer.getPartitionCount()
          + " partitions, this cluster has " + partitionCount;
    }
    return null;
  }
}
