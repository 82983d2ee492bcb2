package io.ringkv.replication;

import io.ringkv.version.SiblingSet;
import io.ringkv.version.SiblingSetCodec;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A hint as the hint store keeps it: the sibling set a fallback holds for an owner, and when the
 * hint was first stored (hints older than the handoff window are dropped; anti-entropy repairs
 * what they covered). Binary form: a format byte, the time as 8 bytes, the encoded sibling set.
 *
 * @param hintedAtMillis when the first write of this hint was stored; later merges keep it, so a
 *     hint's age is that of the oldest write it may hold
 * @param siblings the sibling set, encoded by {@link SiblingSetCodec}
 */
public record HintRecord(long hintedAtMillis, byte[] siblings) {

  private static final byte FORMAT = 1;
  private static final int HEADER = 1 + Long.BYTES;

  /** A new hint holding {@code siblings}, stored now. */
  static HintRecord of(SiblingSet siblings, long nowMillis) {
    return new HintRecord(nowMillis, SiblingSetCodec.encode(siblings));
  }

  public byte[] encode() {
    return ByteBuffer.allocate(HEADER + siblings.length)
        .put(FORMAT)
        .putLong(hintedAtMillis)
        .put(siblings)
        .array();
  }

  /**
   * @throws IllegalArgumentException when the bytes are not a hint of a known format
   */
  public static HintRecord decode(byte[] stored) {
    if (stored.length < HEADER || stored[0] != FORMAT) {
      throw new IllegalArgumentException("not a hint record (" + stored.length + " bytes)");
    }
    long hintedAt = ByteBuffer.wrap(stored, 1, Long.BYTES).getLong();
    return new HintRecord(hintedAt, Arrays.copyOfRange(stored, HEADER, stored.length));
  }

  public SiblingSet siblingSet() {
    return SiblingSetCodec.decode(siblings);
  }

  /** This hint with {@code merged} in place of its siblings, keeping its age. */
  HintRecord with(SiblingSet merged) {
    return new HintRecord(hintedAtMillis, SiblingSetCodec.encode(merged));
  }

  public boolean olderThan(long windowMillis, long nowMillis) {
    return nowMillis - hintedAtMillis > windowMillis;
  }
}
