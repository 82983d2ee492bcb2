package io.ringkv.cluster;

import java.util.BitSet;

/**
 * Which partitions a node has finished receiving for one ownership change (the ring-state version
 * of its handoff). The claimant settles a change once every receiver reports all of its partitions.
 *
 * @param version the ring-state version the progress belongs to; 0 for none
 * @param done the partitions received in full (copied in and out: the record stays immutable)
 */
public record HandoffProgress(long version, BitSet done) {

  public static final HandoffProgress NONE = new HandoffProgress(0, new BitSet());

  public HandoffProgress {
    done = (BitSet) done.clone();
  }

  @Override
  public BitSet done() {
    return (BitSet) done.clone();
  }

  /** Whether the partition is received, for this version. */
  public boolean isDone(long ringVersion, int partition) {
    return version == ringVersion && done.get(partition);
  }

  public int doneCount(long ringVersion) {
    return version == ringVersion ? done.cardinality() : 0;
  }
}
