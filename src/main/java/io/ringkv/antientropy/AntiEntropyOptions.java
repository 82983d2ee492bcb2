package io.ringkv.antientropy;

import java.time.Duration;

/**
 * How a node runs anti-entropy.
 *
 * @param enabled false: no trees are kept and no exchange runs (peers asking are told "not ready")
 * @param treeDepth levels below the root of each partition's tree; 2^depth leaves. Pick it so a leaf
 *     holds a few hundred keys at most: depth 10 (1024 leaves, 16 KiB a partition) suits up to ~250k
 *     keys a partition. Replicas may differ: an exchange uses the shallower depth
 * @param exchangeInterval how often each partition is exchanged with each of its other replicas;
 *     {@link Duration#ZERO} exchanges continuously, back to back (for benchmarks)
 * @param maxConcurrentExchanges exchanges (and tombstone sweeps) this node runs at once
 * @param bytesPerSecond the bandwidth the exchanges this node starts may use, both directions
 * @param tombstoneGrace how old a tombstone must be before it may be purged; longer than the hint
 *     window, so that no hint older than a tombstone can arrive after it is purged
 * @param tombstoneSweepInterval how often a partition's owner looks for purgeable tombstones
 * @param callTimeout the deadline of each anti-entropy call to a peer
 */
public record AntiEntropyOptions(
    boolean enabled,
    int treeDepth,
    Duration exchangeInterval,
    int maxConcurrentExchanges,
    long bytesPerSecond,
    Duration tombstoneGrace,
    Duration tombstoneSweepInterval,
    Duration callTimeout) {

  public AntiEntropyOptions {
    if (treeDepth < 1 || treeDepth > MerkleTree.MAX_DEPTH) {
      throw new IllegalArgumentException("tree depth must be between 1 and " + MerkleTree.MAX_DEPTH + ", got " + treeDepth);
    }
    requireNotNegative("exchange interval", exchangeInterval);
    requireNotNegative("tombstone grace", tombstoneGrace);
    requireNotNegative("tombstone sweep interval", tombstoneSweepInterval);
    requireNotNegative("call timeout", callTimeout);
    if (maxConcurrentExchanges < 1) {
      throw new IllegalArgumentException("at least one exchange must be allowed at a time, got " + maxConcurrentExchanges);
    }
    if (bytesPerSecond < 1) {
      throw new IllegalArgumentException("the bandwidth must be positive, got " + bytesPerSecond + " bytes/s");
    }
  }

  /**
   * Every partition exchanged with each other replica every 10 minutes, two at a time, within
   * 8 MiB/s; tombstones purged 4 hours after the delete (past the default 3-hour hint window).
   */
  public static AntiEntropyOptions defaults() {
    return new AntiEntropyOptions(
        true, 10, Duration.ofMinutes(10), 2, 8L << 20, Duration.ofHours(4), Duration.ofMinutes(10), Duration.ofSeconds(10));
  }

  public static AntiEntropyOptions disabled() {
    return defaults().withEnabled(false);
  }

  public AntiEntropyOptions withEnabled(boolean value) {
    return new AntiEntropyOptions(value, treeDepth, exchangeInterval, maxConcurrentExchanges, bytesPerSecond, tombstoneGrace, tombstoneSweepInterval, callTimeout);
  }

  public AntiEntropyOptions withTreeDepth(int value) {
    return new AntiEntropyOptions(enabled, value, exchangeInterval, maxConcurrentExchanges, bytesPerSecond, tombstoneGrace, tombstoneSweepInterval, callTimeout);
  }

  public AntiEntropyOptions withExchangeInterval(Duration value) {
    return new AntiEntropyOptions(enabled, treeDepth, value, maxConcurrentExchanges, bytesPerSecond, tombstoneGrace, tombstoneSweepInterval, callTimeout);
  }

  public AntiEntropyOptions withMaxConcurrentExchanges(int value) {
    return new AntiEntropyOptions(enabled, treeDepth, exchangeInterval, value, bytesPerSecond, tombstoneGrace, tombstoneSweepInterval, callTimeout);
  }

  public AntiEntropyOptions withBytesPerSecond(long value) {
    return new AntiEntropyOptions(enabled, treeDepth, exchangeInterval, maxConcurrentExchanges, value, tombstoneGrace, tombstoneSweepInterval, callTimeout);
  }

  public AntiEntropyOptions withTombstoneGrace(Duration value) {
    return new AntiEntropyOptions(enabled, treeDepth, exchangeInterval, maxConcurrentExchanges, bytesPerSecond, value, tombstoneSweepInterval, callTimeout);
  }

  public AntiEntropyOptions withTombstoneSweepInterval(Duration value) {
    return new AntiEntropyOptions(enabled, treeDepth, exchangeInterval, maxConcurrentExchanges, bytesPerSecond, tombstoneGrace, value, callTimeout);
  }

  public AntiEntropyOptions withCallTimeout(Duration value) {
    return new AntiEntropyOptions(enabled, treeDepth, exchangeInterval, maxConcurrentExchanges, bytesPerSecond, tombstoneGrace, tombstoneSweepInterval, value);
  }

  /**
   * Applies an operator's switch: {@code on} (enabled, interval kept, or the default if it was
   * continuous), {@code off}, or {@code continuous} (enabled, exchanging back to back).
   *
   * @throws IllegalArgumentException for any other word
   */
  public AntiEntropyOptions withMode(String mode) {
    return switch (mode.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "on" -> withEnabled(true).withExchangeInterval(continuous() ? defaults().exchangeInterval() : exchangeInterval);
      case "off" -> withEnabled(false);
      case "continuous" -> withEnabled(true).withExchangeInterval(Duration.ZERO);
      default -> throw new IllegalArgumentException("anti-entropy must be on, off or continuous, got '" + mode + "'");
    };
  }

  /** Exchanging back to back, as fast as the bandwidth allows. */
  public boolean continuous() {
    return exchangeInterval.isZero();
  }

  private static void requireNotNegative(String name, Duration value) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be zero or more, got " + value);
    }
  }
}
