package io.ringkv.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Whether each peer looks alive: phi-accrual over the arrivals of its gossip heartbeats, combined
 * with the outcome of calls to it. A failed call marks the peer down at once (it must not wait for
 * phi to climb while requests time out); a newer heartbeat or a successful call marks it up again.
 * Down is this node's opinion, transient, and never changes the ring (DESIGN.md, "Gossip").
 */
public final class FailureDetector {

  /** The default suspicion threshold, as in Cassandra and Akka. */
  public static final double DEFAULT_THRESHOLD = 8.0;

  private static final int WINDOW = 100;

  private final double threshold;
  private final long expectedIntervalMillis;
  private final LongSupplier clock;
  private final Map<String, Peer> peers = new ConcurrentHashMap<>();

  /**
   * @param threshold phi above which a peer is down
   * @param expectedIntervalMillis the gossip interval: the first estimate of heartbeat spacing, and
   *     the scale of the pause tolerated on top of the measured mean
   * @param clock monotonic milliseconds
   */
  public FailureDetector(double threshold, long expectedIntervalMillis, LongSupplier clock) {
    if (threshold <= 0) {
      throw new IllegalArgumentException("the phi threshold must be positive, got " + threshold);
    }
    this.threshold = threshold;
    this.expectedIntervalMillis = expectedIntervalMillis;
    this.clock = clock;
  }

  private final class Peer {
    private ArrivalWindow window;
    private long lastFailedCall = Long.MIN_VALUE;
    private long lastGoodNews = Long.MIN_VALUE;

    synchronized void heartbeat(long now) {
      if (window == null) {
        window = newWindow(now);
      } else {
        window.arrived(now);
      }
      lastGoodNews = now;
    }

    synchronized void restarted(long now) {
      window = newWindow(now);
      lastGoodNews = now;
    }

    synchronized void call(boolean succeeded, long now) {
      if (succeeded) {
        lastGoodNews = now;
      } else {
        lastFailedCall = now;
      }
    }

    synchronized double phi(long now) {
      return window == null ? Double.POSITIVE_INFINITY : window.phi(now);
    }

    synchronized boolean isUp(long now) {
      return window != null && lastFailedCall < lastGoodNews && window.phi(now) < threshold;
    }
  }

  /**
   * A quarter of the gossip interval as the floor under the standard deviation, half of it as the
   * acceptable pause: heartbeats come through gossip, a round or two late at times. With the
   * defaults a silent peer is down about 3 to 6 s after its last heartbeat arrived.
   */
  private ArrivalWindow newWindow(long now) {
    return new ArrivalWindow(WINDOW, expectedIntervalMillis, expectedIntervalMillis / 4.0, expectedIntervalMillis / 2.0, now);
  }

  private Peer peer(String id) {
    return peers.computeIfAbsent(id, any -> new Peer());
  }

  /** A newer heartbeat of the peer arrived (directly or through another node). */
  public void heartbeat(String id) {
    peer(id).heartbeat(clock.getAsLong());
  }

  /** The peer started again (a new generation): its old arrival history says nothing now. */
  public void restarted(String id) {
    peer(id).restarted(clock.getAsLong());
  }

  /** The outcome of a call to the peer. */
  public void reportCall(String id, boolean succeeded) {
    peer(id).call(succeeded, clock.getAsLong());
  }

  /** The suspicion level of the peer now; infinite for a peer never heard of. */
  public double phi(String id) {
    Peer peer = peers.get(id);
    return peer == null ? Double.POSITIVE_INFINITY : peer.phi(clock.getAsLong());
  }

  /** Whether the peer looks alive now; false for a peer never heard of. */
  public boolean isUp(String id) {
    Peer peer = peers.get(id);
    return peer != null && peer.isUp(clock.getAsLong());
  }

  public double threshold() {
    return threshold;
  }
}
