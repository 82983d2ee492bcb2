package io.ringkv.cli.bench;

import java.util.SplittableRandom;

/**
 * Zipf-distributed keys: key index {@code i} (rank {@code i + 1}) is drawn with probability
 * proportional to {@code (i + 1)^-s}, so key 0 is the hottest.
 *
 * <p>Sampling is O(1) expected time with no table, so a hundred million keys cost nothing up front.
 * It uses rejection-inversion (W. Hörmann and G. Derflinger, "Rejection-inversion to generate
 * variates from monotone discrete distributions", ACM TOMACS 6(3), 1996): invert the integral
 * {@code H} of the continuous hat {@code h(x) = x^-s}, round to the nearest rank, and accept unless
 * the point falls in the sliver between the hat and the true step function. Fewer than a few
 * percent of draws are rejected for any {@code s > 0}.
 */
public final class ZipfKeyChooser implements KeyChooser {

  private final int keys;
  private final double exponent;
  private final SplittableRandom random;
  /** {@code H(1.5) - h(1)}: the lower end of the area the uniform draw falls in. */
  private final double areaBelowFirstRank;
  /** {@code H(keys + 0.5)}: the upper end. */
  private final double areaToLastRank;
  /** Ranks within this distance of their inverse point are accepted without evaluating H. */
  private final double squeeze;

  public ZipfKeyChooser(int keys, double exponent, SplittableRandom random) {
    if (keys < 1) {
      throw new IllegalArgumentException("keys must be >= 1, got " + keys);
    }
    if (!(exponent > 0) || Double.isInfinite(exponent)) {
      throw new IllegalArgumentException("Zipf exponent must be > 0, got " + exponent);
    }
    this.keys = keys;
    this.exponent = exponent;
    this.random = random;
    this.areaBelowFirstRank = area(1.5) - 1.0;
    this.areaToLastRank = area(keys + 0.5);
    this.squeeze = 2.0 - inverseArea(area(2.5) - hat(2.0));
  }

  @Override
  public int next() {
    while (true) {
      double u = areaToLastRank + random.nextDouble() * (areaBelowFirstRank - areaToLastRank);
      double x = inverseArea(u);
      long rank = Math.min(keys, Math.max(1, (long) (x + 0.5)));
      if (rank - x <= squeeze || u >= area(rank + 0.5) - hat(rank)) {
        return (int) (rank - 1);
      }
    }
  }

  /** The hat {@code h(x) = x^-s}. */
  private double hat(double x) {
    return Math.exp(-exponent * Math.log(x));
  }

  /** {@code H(x) = (x^(1-s) - 1) / (1-s)}, which is {@code ln x} at {@code s = 1}, computed stably. */
  private double area(double x) {
    double logX = Math.log(x);
    return expm1OverT((1.0 - exponent) * logX) * logX;
  }

  /** The inverse of {@link #area}. */
  private double inverseArea(double y) {
    // Rounding can push t just below -1 for y near the end of the range; log1p needs t > -1.
    double t = Math.max(-1.0, y * (1.0 - exponent));
    return Math.exp(log1pOverT(t) * y);
  }

  /** {@code expm1(t) / t}, continuous at 0. */
  static double expm1OverT(double t) {
    if (Math.abs(t) > 1e-8) {
      return Math.expm1(t) / t;
    }
    return 1.0 + t * 0.5 * (1.0 + t / 3.0 * (1.0 + t * 0.25));
  }

  /** {@code log1p(t) / t}, continuous at 0. */
  static double log1pOverT(double t) {
    if (Math.abs(t) > 1e-8) {
      return Math.log1p(t) / t;
    }
    return 1.0 - t * (0.5 - t * (1.0 / 3.0 - t * 0.25));
  }
}
