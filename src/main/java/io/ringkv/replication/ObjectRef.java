package io.ringkv.replication;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One stored object: a bucket, a key, and the partition the ring places it in.
 *
 * <p>The storage key puts the bucket in front of the key with its length, so that ("ab", "c")
 * and ("a", "bc") can never collide, and a partition's entries decode back to (bucket, key) for
 * transfer and anti-entropy.
 */
public record ObjectRef(String bucket, byte[] key, int partition) {

  /** The key under which the partition store keeps this object. */
  public byte[] storageKey() {
    byte[] bucketBytes = bucket.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(2 + bucketBytes.length + key.length)
        .putShort((short) bucketBytes.length)
        .put(bucketBytes)
        .put(key)
        .array();
  }

  /** Decodes a storage key found while iterating a partition. */
  public static ObjectRef fromStorageKey(int partition, byte[] storageKey) {
    ByteBuffer buffer = ByteBuffer.wrap(storageKey);
    int bucketLength = Short.toUnsignedInt(buffer.getShort());
    String bucket = new String(storageKey, 2, bucketLength, StandardCharsets.UTF_8);
    byte[] key = Arrays.copyOfRange(storageKey, 2 + bucketLength, storageKey.length);
    return new ObjectRef(bucket, key, partition);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ObjectRef that
        && partition == that.partition
        && bucket.equals(that.bucket)
        && Arrays.equals(key, that.key);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * bucket.hashCode() + Arrays.hashCode(key)) + partition;
  }

  @Override
  public String toString() {
    return bucket + "/" + new String(key, StandardCharsets.UTF_8) + "@" + partition;
  }
}
