package io.ringkv.cluster;

/**
 * How a node gossips and judges its peers.
 *
 * @param intervalMillis the time between two gossip rounds (1 s by default, as in the design)
 * @param phiThreshold the phi above which a peer is down (8 by default)
 */
public record GossipOptions(long intervalMillis, double phiThreshold) {

  public GossipOptions {
    if (intervalMillis < 10) {
      throw new IllegalArgumentException("the gossip interval must be at least 10 ms, got " + intervalMillis);
    }
    if (phiThreshold <= 0) {
      throw new IllegalArgumentException("the phi threshold must be positive, got " + phiThreshold);
    }
  }

  public static GossipOptions defaults() {
    return new GossipOptions(1_000, FailureDetector.DEFAULT_THRESHOLD);
  }
}
