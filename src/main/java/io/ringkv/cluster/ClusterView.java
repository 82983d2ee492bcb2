package io.ringkv.cluster;

import io.ringkv.ring.Ring;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Membership as the coordinator needs it: who this node is, the current ring, and which peers
 * look alive right now. Down is transient and never changes the ring (DESIGN.md, "Gossip").
 */
public interface ClusterView {

  NodeInfo self();

  /** True once this node knows the ring and can coordinate requests. */
  boolean isReady();

  /**
   * The ring reads use.
   *
   * @throws IllegalStateException before {@link #isReady()}
   */
  Ring ring();

  /**
   * The rings whose replicas a write must reach, a write quorum in each: the current ring alone,
   * or while partitions move, the rings before and after the change (see {@code RingState}).
   *
   * @throws IllegalStateException before {@link #isReady()}
   */
  default List<Ring> writeRings() {
    return List.of(ring());
  }

  /** Every node this one knows, itself included. */
  Collection<NodeInfo> nodes();

  Optional<NodeInfo> node(String id);

  /** Whether the node looks alive (itself always does). */
  boolean isUp(String id);

  /** Reports the outcome of a call to a peer, so failed calls mark it down between probes. */
  void reportCall(String id, boolean succeeded);
}
