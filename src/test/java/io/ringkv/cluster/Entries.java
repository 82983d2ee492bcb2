package io.ringkv.cluster;

import java.util.BitSet;

/** Gossip entries for tests. */
final class Entries {

  private Entries() {}

  static NodeEntry entry(String id, long generation, long heartbeat, Membership membership) {
    return entry(id, generation, heartbeat, 1, membership, 0);
  }

  static NodeEntry entry(String id, long generation, long heartbeat, long incarnation, Membership membership, long ringVersion) {
    NodeInfo node = new NodeInfo(id, "127.0.0.1:" + (7000 + Math.abs(id.hashCode() % 1000)), "h:1", "g:1", "", 1);
    return new NodeEntry(node, generation, heartbeat, incarnation, membership, ringVersion, HandoffProgress.NONE, 0, 0);
  }

  static HandoffProgress done(long version, int... partitions) {
    BitSet done = new BitSet();
    for (int partition : partitions) {
      done.set(partition);
    }
    return new HandoffProgress(version, done);
  }
}
