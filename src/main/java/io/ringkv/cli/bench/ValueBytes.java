package io.ringkv.cli.bench;

import java.util.SplittableRandom;

/** The bytes every put writes: printable, pseudo-random (so compression cannot flatter), seeded. */
final class ValueBytes {

  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private ValueBytes() {}

  static byte[] of(int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) ALPHABET.charAt(random.nextInt(ALPHABET.length()));
    }
    return bytes;
  }
}
