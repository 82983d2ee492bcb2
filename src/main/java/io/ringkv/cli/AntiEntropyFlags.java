package io.ringkv.cli;

import io.ringkv.antientropy.AntiEntropyOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The anti-entropy flags {@code node} and {@code local} share; each overrides the config. */
final class AntiEntropyFlags {

  @Option(
      names = "--anti-entropy",
      paramLabel = "on|off|continuous",
      description = "Merkle-tree anti-entropy: on (default), off, or continuous (exchanges back to back, for benchmarks).")
  String mode;

  @Option(
      names = "--anti-entropy-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How often each partition is exchanged with each other replica (default 10m).")
  Duration interval;

  @Option(
      names = "--tombstone-grace",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How old a tombstone must be before it may be purged; keep it above the hint window (default 4h).")
  Duration tombstoneGrace;

  /** @throws IllegalArgumentException with a message for the user when a value is unusable */
  AntiEntropyOptions applyTo(AntiEntropyOptions options) {
    AntiEntropyOptions applied = options;
    if (interval != null) {
      applied = applied.withExchangeInterval(interval);
    }
    if (mode != null) {
      applied = applied.withMode(mode);
    }
    if (tombstoneGrace != null) {
      applied = applied.withTombstoneGrace(tombstoneGrace);
    }
    return applied;
  }
}
