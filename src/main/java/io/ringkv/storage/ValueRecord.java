package io.ringkv.storage;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What a record key maps to: the value itself, or the manifest of a value stored in chunks. The
 * first byte says which.
 */
sealed interface ValueRecord {

  byte INLINE = 0;
  byte MANIFEST = 1;

  byte[] encode();

  /** Length of the caller's value. */
  int length();

  static ValueRecord decode(byte[] raw) {
    return switch (raw[0]) {
      case INLINE -> new Inline(Arrays.copyOfRange(raw, 1, raw.length));
      case MANIFEST -> Manifest.decode(raw);
      default -> throw new IllegalStateException("unknown value record tag " + raw[0]);
    };
  }

  /** A value small enough for one map entry. */
  record Inline(byte[] value) implements ValueRecord {

    @Override
    public byte[] encode() {
      byte[] raw = new byte[value.length + 1];
      raw[0] = INLINE;
      System.arraycopy(value, 0, raw, 1, value.length);
      return raw;
    }

    @Override
    public int length() {
      return value.length;
    }
  }

  /**
   * A large value stored as {@link #chunks()} entries under chunk keys of {@code generation}. The
   * chunks are written before the manifest that names them and removed only after it is replaced,
   * so a reader (or a crash) never sees a manifest with missing or foreign chunks.
   */
  record Manifest(long generation, int length, int chunkSize) implements ValueRecord {

    private static final int SIZE = 1 + Long.BYTES + 2 * Integer.BYTES;

    static Manifest decode(byte[] raw) {
      ByteBuffer in = ByteBuffer.wrap(raw, 1, SIZE - 1);
      return new Manifest(in.getLong(), in.getInt(), in.getInt());
    }

    @Override
    public byte[] encode() {
      return ByteBuffer.allocate(SIZE)
          .put(MANIFEST)
          .putLong(generation)
          .putInt(length)
          .putInt(chunkSize)
          .array();
    }

    int chunks() {
      return (int) ((length + (long) chunkSize - 1) / chunkSize);
    }

    /** True if {@code chunkKey} is one of this manifest's chunks. */
    boolean names(byte[] chunkKey) {
      return RecordKeys.generation(chunkKey) == generation
          && RecordKeys.index(chunkKey) < chunks();
    }
  }
}
