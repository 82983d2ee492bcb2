package io.ringkv.ring;

/**
 * Splits the 128-bit MD5 space into Q equal partitions, Q a power of two (Dynamo strategy 3).
 *
 * <p>Partition i covers the positions whose top log2(Q) bits equal i, so partition boundaries never
 * move: membership changes only reassign whole partitions.
 *
 * @param partitionCount Q, a power of two between 1 and {@value #MAX_PARTITIONS}
 */
public record PartitionScheme(int partitionCount) {

    public static final int MAX_PARTITIONS = 1 << 16;

    public PartitionScheme {
        requireValidCount(partitionCount);
    }

    /** The partition of a key in a bucket. */
    public int partitionOf(String bucket, byte[] key) {
        return partitionOfHash(KeyHasher.md5(bucket, key));
    }

    /** The partition holding a 16-byte MD5 position. */
    public int partitionOfHash(byte[] md5) {
        if (md5 == null || md5.length != 16) {
            throw new IllegalArgumentException("an MD5 position has 16 bytes, got "
                    + (md5 == null ? "null" : md5.length));
        }
        int bits = Integer.numberOfTrailingZeros(partitionCount);
        if (bits == 0) {
            return 0; // a single partition; also, Java's >>> 32 would be a no-op
        }
        int top32 = (md5[0] & 0xff) << 24 | (md5[1] & 0xff) << 16 | (md5[2] & 0xff) << 8 | (md5[3] & 0xff);
        return top32 >>> (32 - bits);
    }

    /** Checks that Q is a power of two in range; returns it. */
    static int requireValidCount(int partitionCount) {
        if (partitionCount < 1 || partitionCount > MAX_PARTITIONS || Integer.bitCount(partitionCount) != 1) {
            throw new IllegalArgumentException("partition count must be a power of two between 1 and "
                    + MAX_PARTITIONS + ", was " + partitionCount);
        }
        return partitionCount;
    }
}
