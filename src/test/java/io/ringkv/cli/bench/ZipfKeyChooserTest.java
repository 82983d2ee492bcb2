package io.ringkv.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZipfKeyChooserTest {

  private static final int KEYS = 1000;
  private static final int SAMPLES = 1_000_000;

  @Test
  void keyZeroIsTheMostFrequentAndFrequenciesFollowThePowerLaw() {
    double s = 0.99;
    long[] counts = sample(new ZipfKeyChooser(KEYS, s, new SplittableRandom(42)), KEYS, SAMPLES);

    assertThat(indexOfMax(counts)).as("hottest key").isZero();
    double[] expected = zipfProbabilities(KEYS, s);
    for (int key = 0; key < 10; key++) {
      double observed = counts[key] / (double) SAMPLES;
      assertThat(observed).as("frequency of key %d", key).isCloseTo(expected[key], within(expected[key] * 0.05));
    }
    assertThat(counts[0] / (double) counts[1]).as("rank 1 over rank 2").isCloseTo(Math.pow(2, s), within(0.1));
    assertThat(counts[0] / (double) counts[9]).as("rank 1 over rank 10").isCloseTo(Math.pow(10, s), within(0.5));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.5, 1.0, 1.5, 3.0})
  void matchesTheExactDistributionForExponentsOnBothSidesOfOne(double s) {
    long[] counts = sample(new ZipfKeyChooser(KEYS, s, new SplittableRandom(7)), KEYS, SAMPLES);

    double[] expected = zipfProbabilities(KEYS, s);
    for (int key = 0; key < 3; key++) {
      assertThat(counts[key] / (double) SAMPLES).as("s=%s key %d", s, key)
          .isCloseTo(expected[key], within(expected[key] * 0.05));
    }
  }

  @Test
  void staysInRangeEvenForTinyKeySpaces() {
    for (int keys = 1; keys <= 3; keys++) {
      long[] counts = sample(new ZipfKeyChooser(keys, 0.99, new SplittableRandom(1)), keys, 10_000);
      assertThat(counts).as("draws per key of %d", keys).doesNotContain(0L);
    }
  }

  @Test
  void theSameSeedDrawsTheSameKeys() {
    ZipfKeyChooser first = new ZipfKeyChooser(KEYS, 0.99, new SplittableRandom(3));
    ZipfKeyChooser second = new ZipfKeyChooser(KEYS, 0.99, new SplittableRandom(3));
    for (int i = 0; i < 1000; i++) {
      assertThat(first.next()).isEqualTo(second.next());
    }
  }

  @Test
  void rejectsANonPositiveExponent() {
    assertThatThrownBy(() -> new ZipfKeyChooser(KEYS, 0, new SplittableRandom()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Counts draws per key, failing on any key outside {@code [0, keys)}. */
  static long[] sample(KeyChooser chooser, int keys, int samples) {
    long[] counts = new long[keys];
    for (int i = 0; i < samples; i++) {
      int key = chooser.next();
      assertThat(key).isBetween(0, keys - 1);
      counts[key]++;
    }
    return counts;
  }

  private static double[] zipfProbabilities(int keys, double s) {
    double[] p = new double[keys];
    double sum = 0;
    for (int rank = 1; rank <= keys; rank++) {
      p[rank - 1] = Math.pow(rank, -s);
      sum += p[rank - 1];
    }
    for (int i = 0; i < keys; i++) {
      p[i] /= sum;
    }
    return p;
  }

  private static int indexOfMax(long[] counts) {
    int max = 0;
    for (int i = 1; i < counts.length; i++) {
      if (counts[i] > counts[max]) {
        max = i;
      }
    }
    return max;
  }
}
