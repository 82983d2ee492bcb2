package io.ringkv.cli.bench;

import java.util.SplittableRandom;

/** Draws each request's operation (by the read ratio) and key (by the key distribution). */
final class RequestMix {

  /** Spreads lane seeds apart (the 64-bit golden ratio, as in SplittableRandom). */
  private static final long SEED_GAMMA = 0x9E3779B97F4A7C15L;

  private final SplittableRandom random;
  private final KeyChooser keys;
  private final double readRatio;

  RequestMix(BenchConfig config, int lane, int lanes) {
    this.random = new SplittableRandom(config.seed() + lane * SEED_GAMMA);
    this.keys = config.keyDistribution().chooser(config.keys(), config.zipfExponent(), random.split(), lane, lanes);
    this.readRatio = config.readRatio();
  }

  Call next(long intendedStartNanos, boolean measured) {
    Operation operation = random.nextDouble() < readRatio ? Operation.GET : Operation.PUT;
    return new Call(operation, keys.next(), intendedStartNanos, measured);
  }
}
