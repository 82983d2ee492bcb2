package io.ringkv.handoff;

/**
 * How ownership transfer paces itself.
 *
 * @param pageKeys the most keys one pull returns
 * @param pageBytes the most bytes (keys and values) one pull returns, past its first entry
 * @param concurrency partitions this node receives at once
 * @param graceMillis how long after every member holds a ring state a transfer starts, or a
 *     partition is dropped: the requests begun under the previous state (each bounded by the
 *     request timeout) have finished by then
 */
public record HandoffOptions(int pageKeys, int pageBytes, int concurrency, long graceMillis) {

  public HandoffOptions {
    if (pageKeys < 1 || pageBytes < 1 || concurrency < 1 || graceMillis < 0) {
      throw new IllegalArgumentException(
          "handoff options must be positive: " + pageKeys + " keys, " + pageBytes + " bytes, "
              + concurrency + " at once, grace " + graceMillis + " ms");
    }
  }

  /** 500 keys or 1 MiB a page, two partitions at once, the given grace. */
  public static HandoffOptions defaults(long graceMillis) {
    return new HandoffOptions(500, 1 << 20, 2, graceMillis);
  }

  public HandoffOptions withPageKeys(int keys) {
    return new HandoffOptions(keys, pageBytes, concurrency, graceMillis);
  }
}
