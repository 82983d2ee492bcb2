package io.ringkv.cli.bench;

import java.util.SplittableRandom;

/** How keys are drawn from {@code [0, keys)}. */
public enum KeyDistribution {
  UNIFORM {
    @Override
    KeyChooser chooser(int keys, double zipfExponent, SplittableRandom random, int lane, int lanes) {
      return new UniformKeyChooser(keys, random);
    }
  },
  /** Key 0 hottest; the usual model of a real key popularity (YCSB's default). */
  ZIPF {
    @Override
    KeyChooser chooser(int keys, double zipfExponent, SplittableRandom random, int lane, int lanes) {
      return new ZipfKeyChooser(keys, zipfExponent, random);
    }
  },
  /** Keys in order, the lanes interleaved; prefill uses it to write every key once. */
  SEQUENTIAL {
    @Override
    KeyChooser chooser(int keys, double zipfExponent, SplittableRandom random, int lane, int lanes) {
      return new SequentialKeyChooser(keys, lane, lanes);
    }
  };

  /** A chooser for lane {@code lane} of {@code lanes}. */
  abstract KeyChooser chooser(int keys, double zipfExponent, SplittableRandom random, int lane, int lanes);
}
