package io.ringkv.storage;

import java.util.Arrays;

/** A byte array compared by content, to key the in-memory maps. */
record ByteKey(byte[] bytes) {

  static ByteKey copyOf(byte[] bytes) {
    return new ByteKey(bytes.clone());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ByteKey that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "ByteKey" + Arrays.toString(bytes);
  }
}
