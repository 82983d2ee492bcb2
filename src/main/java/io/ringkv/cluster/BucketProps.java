package io.ringkv.cluster;

import io.ringkv.version.ConflictMode;

/**
 * A bucket's replication properties.
 *
 * @param n how many replicas hold each key
 * @param r the default read quorum
 * @param w the default write quorum
 * @param conflict how concurrent writes are resolved
 */
public record BucketProps(int n, int r, int w, ConflictMode conflict) {

  /** The most replicas a bucket may ask for. */
  public static final int MAX_N = 16;

  public static final BucketProps DEFAULTS = new BucketProps(3, 2, 2, ConflictMode.SIBLINGS);

  /** @throws IllegalArgumentException with a client-readable message when the props are inconsistent */
  public BucketProps {
    if (n < 1 || n > MAX_N) {
      throw new IllegalArgumentException("n must be between 1 and " + MAX_N + ", got " + n);
    }
    if (r < 1 || r > n) {
      throw new IllegalArgumentException("r must be between 1 and n=" + n + ", got " + r);
    }
    if (w < 1 || w > n) {
      throw new IllegalArgumentException("w must be between 1 and n=" + n + ", got " + w);
    }
    if (conflict == null) {
      throw new IllegalArgumentException("conflict must be \"siblings\" or \"lww\"");
    }
  }

  /**
   * A partial update, as a client sends it: null fields keep their current value.
   *
   * @param n new n, or null
   * @param r new r, or null
   * @param w new w, or null
   * @param conflict new conflict mode, or null
   */
  public record Patch(Integer n, Integer r, Integer w, ConflictMode conflict) {}

  /**
   * Applies a patch.
   *
   * @throws IllegalArgumentException when the result is inconsistent (say, r above the new n)
   */
  public BucketProps apply(Patch patch) {
    return new BucketProps(
        patch.n() != null ? patch.n() : n,
        patch.r() != null ? patch.r() : r,
        patch.w() != null ? patch.w() : w,
        patch.conflict() != null ? patch.conflict() : conflict);
  }
}
