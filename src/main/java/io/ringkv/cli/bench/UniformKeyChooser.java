package io.ringkv.cli.bench;

import java.util.SplittableRandom;

/** Every key equally likely. */
public final class UniformKeyChooser implements KeyChooser {

  private final int keys;
  private final SplittableRandom random;

  public UniformKeyChooser(int keys, SplittableRandom random) {
    if (keys < 1) {
      throw new IllegalArgumentException("keys must be >= 1, got " + keys);
    }
    this.keys = keys;
    this.random = random;
  }

  @Override
  public int next() {
    return random.nextInt(keys);
  }
}
