package io.ringkv.ring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Places a (bucket, key) pair on the 128-bit MD5 ring (Dynamo paper §4.2).
 *
 * <p>The digest covers an unambiguous encoding of the pair: the 4-byte big-endian length of the
 * bucket's UTF-8 bytes, those bytes, then the key bytes. Without the length prefix ("ab", "c") and
 * ("a", "bc") would land on the same position.
 */
public final class KeyHasher {

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(KeyHasher::newDigest);

    private KeyHasher() {
    }

    /** The 16-byte MD5 position of a key in a bucket. */
    public static byte[] md5(String bucket, byte[] key) {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        byte[] bucketBytes = bucket.getBytes(StandardCharsets.UTF_8);
        MessageDigest digest = MD5.get();
        digest.update(bigEndian(bucketBytes.length));
        digest.update(bucketBytes);
        digest.update(key);
        return digest.digest();
    }

    private static byte[] bigEndian(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide MD5", e);
        }
    }
}
