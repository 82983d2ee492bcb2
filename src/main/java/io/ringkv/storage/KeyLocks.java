package io.ringkv.storage;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks that serialize everything done to one key: a read-modify-write, and the move of
 * its records while its map migrates. A lock is held for microseconds (one merge and a few map
 * writes), never across I/O waits; one set of stripes serves every map of a store, told apart by a
 * space number.
 */
final class KeyLocks {

  private final ReentrantLock[] stripes;

  KeyLocks(int stripeCount) {
    if (Integer.bitCount(stripeCount) != 1) {
      throw new IllegalArgumentException("stripe count must be a power of two: " + stripeCount);
    }
    stripes = new ReentrantLock[stripeCount];
    for (int i = 0; i < stripeCount; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  /** The lock of the key with hash {@code keyHash} in map space {@code space}. */
  ReentrantLock of(int space, int keyHash) {
    int h = space * 0x9E3779B9 ^ keyHash;
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    return stripes[h & (stripes.length - 1)];
  }
}
