package io.ringkv.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The raw Chronicle keys of a {@link ChunkedMap}. A caller's key is stored under its record key
 * (tag 0, key); the chunks of a large value under chunk keys (tag 1, generation, index, key), so
 * iteration tells them apart and two writes of one key never share a chunk.
 */
final class RecordKeys {

  private static final byte RECORD = 0;
  private static final byte CHUNK = 1;
  private static final int CHUNK_PREFIX = 1 + Long.BYTES + Integer.BYTES;

  private RecordKeys() {}

  static byte[] record(byte[] key) {
    byte[] raw = new byte[key.length + 1];
    raw[0] = RECORD;
    System.arraycopy(key, 0, raw, 1, key.length);
    return raw;
  }

  static byte[] chunk(byte[] key, long generation, int index) {
    return ByteBuffer.allocate(CHUNK_PREFIX + key.length)
        .put(CHUNK)
        .putLong(generation)
        .putInt(index)
        .put(key)
        .array();
  }

  static boolean isRecord(byte[] raw) {
    return raw[0] == RECORD;
  }

  /** The caller's key inside a record or chunk key. */
  static byte[] userKey(byte[] raw) {
    return Arrays.copyOfRange(raw, prefixLength(raw), raw.length);
  }

  /** {@code Arrays.hashCode(userKey(raw))}, without the copy: record and chunks share a lock. */
  static int userKeyHash(byte[] raw) {
    int hash = 1;
    for (int i = prefixLength(raw); i < raw.length; i++) {
      hash = 31 * hash + raw[i];
    }
    return hash;
  }

  static long generation(byte[] chunkKey) {
    return ByteBuffer.wrap(chunkKey, 1, Long.BYTES).getLong();
  }

  static int index(byte[] chunkKey) {
    return ByteBuffer.wrap(chunkKey, 1 + Long.BYTES, Integer.BYTES).getInt();
  }

  private static int prefixLength(byte[] raw) {
    return raw[0] == RECORD ? 1 : CHUNK_PREFIX;
  }
}
