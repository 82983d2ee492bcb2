package io.ringkv.version;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The 64-bit digest of a sibling set's version, for Merkle anti-entropy: FNV-1a over the sibling
 * count and, per sibling in dot order, the actor's UTF-8 length and bytes, the counter and the
 * tombstone flag (longs little-endian), finished with MurmurHash3's fmix64 to spread FNV's weak
 * high bits. Replicas on different builds compare these, so the function is part of the wire
 * format: {@code SiblingSetTest} pins it.
 */
final class VersionDigest {

    private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private long hash = OFFSET_BASIS;

    private VersionDigest() {
    }

    static long of(List<Sibling> siblingsByDot) {
        VersionDigest digest = new VersionDigest();
        digest.add(siblingsByDot.size());
        for (Sibling sibling : siblingsByDot) {
            byte[] actor = sibling.dot().actor().getBytes(StandardCharsets.UTF_8);
            digest.add(actor.length);
            for (byte b : actor) {
                digest.addByte(b);
            }
            digest.add(sibling.dot().counter());
            digest.add(sibling.deleted() ? 1 : 0);
        }
        return digest.finish();
    }

    private void addByte(int b) {
        hash = (hash ^ (b & 0xff)) * PRIME;
    }

    private void add(long value) {
        for (int shift = 0; shift < 64; shift += 8) {
            addByte((int) (value >>> shift));
        }
    }

    private long finish() {
        long h = hash;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
