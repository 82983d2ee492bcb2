package io.ringkv.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A hint's key in the hint map: target node id, partition and key, length-prefixed. */
record HintKey(String target, int partition, byte[] key) {

  byte[] encode() {
    byte[] node = target.getBytes(StandardCharsets.UTF_8);
    if (node.length > Short.MAX_VALUE) {
      throw new IllegalArgumentException("node id too long: " + node.length + " bytes");
    }
    return ByteBuffer.allocate(Short.BYTES + node.length + Integer.BYTES + key.length)
        .putShort((short) node.length)
        .put(node)
        .putInt(partition)
        .put(key)
        .array();
  }

  static HintKey decode(byte[] raw) {
    ByteBuffer in = ByteBuffer.wrap(raw);
    byte[] node = new byte[in.getShort()];
    in.get(node);
    int partition = in.getInt();
    byte[] key = new byte[in.remaining()];
    in.get(key);
    return new HintKey(new String(node, StandardCharsets.UTF_8), partition, key);
  }

  /** The target node id of an encoded key. */
  static String targetOf(byte[] raw) {
    int length = ByteBuffer.wrap(raw).getShort();
    return new String(raw, Short.BYTES, length, StandardCharsets.UTF_8);
  }
}
