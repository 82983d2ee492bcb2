package io.ringkv.ring;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * The binary form of a ring, for gossip and for persistence.
 *
 * <pre>
 * byte    format version (1)
 * long    ring version
 * byte    log2(Q)
 * int     member count S
 * S times: u16 id length, id (UTF-8), u16 rack length, rack (UTF-8), int weight   — sorted by id
 * Q times: owner as an index into the members: 1 byte if S &lt;= 256, 2 if S &lt;= 65536, else 4
 * int     CRC-32 of everything before it
 * </pre>
 *
 * Big-endian throughout. The encoding is canonical: equal rings encode to identical bytes.
 */
public final class RingCodec {

    public static final byte FORMAT_VERSION = 1;

    private static final int MAX_STRING_BYTES = 0xffff;

    private RingCodec() {
    }

    public static byte[] encode(Ring ring) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + ring.nodeCount() * 16 + ring.partitionCount() * 2);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeLong(ring.version());
            out.writeByte(Integer.numberOfTrailingZeros(ring.partitionCount()));
            out.writeInt(ring.nodeCount());
            for (int node = 0; node < ring.nodeCount(); node++) {
                writeString(out, ring.node(node).id());
                writeString(out, ring.node(node).rack());
                out.writeInt(ring.node(node).weight());
            }
            int width = ownerWidth(ring.nodeCount());
            for (int partition = 0; partition < ring.partitionCount(); partition++) {
                writeOwner(out, width, ring.ownerIndex(partition));
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** Decodes a ring; an IllegalArgumentException saying what is wrong if the bytes are not one. */
    public static Ring decode(byte[] encoded) {
        if (encoded == null || encoded.length < 1 + 8 + 1 + 4 + 4) {
            throw corrupt("too short (" + (encoded == null ? "null" : encoded.length + " bytes") + ")");
        }
        if (encoded[0] != FORMAT_VERSION) {
            throw corrupt("unknown format version " + encoded[0] + " (this node reads " + FORMAT_VERSION + ")");
        }
        checkCrc(encoded);
        ByteBuffer in = ByteBuffer.wrap(encoded, 1, encoded.length - 5);
        try {
            Ring ring = readRing(in);
            if (in.hasRemaining()) {
                throw corrupt(in.remaining() + " unexpected bytes after the partition table");
            }
            return ring;
        } catch (BufferUnderflowException e) {
            throw corrupt("truncated");
        }
    }

    private static Ring readRing(ByteBuffer in) {
        long version = in.getLong();
        if (version < 0) {
            throw corrupt("negative ring version " + version);
        }
        int log2q = in.get();
        if (log2q < 0 || log2q > Integer.numberOfTrailingZeros(PartitionScheme.MAX_PARTITIONS)) {
            throw corrupt("partition count 2^" + log2q + " out of range");
        }
        int q = 1 << log2q;
        int memberCount = in.getInt();
        // Each member takes at least 8 bytes: refuse absurd counts before allocating for them.
        if (memberCount < 1 || memberCount > in.remaining() / 8) {
            throw corrupt("member count " + memberCount + " does not fit the " + in.remaining() + " bytes left");
        }
        NodeSpec[] nodes = new NodeSpec[memberCount];
        for (int node = 0; node < memberCount; node++) {
            String id = readString(in);
            String rack = readString(in);
            nodes[node] = validated(() -> new NodeSpec(id, rack, in.getInt()));
        }
        int width = ownerWidth(memberCount);
        int[] owners = new int[q];
        for (int partition = 0; partition < q; partition++) {
            owners[partition] = readOwner(in, width);
        }
        return validated(() -> new Ring(version, nodes, owners));
    }

    /** Runs a constructor, reporting what it rejects as corruption. */
    private static <T> T validated(Supplier<T> construction) {
        try {
            return construction.get();
        } catch (IllegalArgumentException e) {
            throw corrupt(e.getMessage());
        }
    }

    private static void checkCrc(byte[] encoded) {
        CRC32 crc = new CRC32();
        crc.update(encoded, 0, encoded.length - 4);
        int stored = ByteBuffer.wrap(encoded, encoded.length - 4, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw corrupt("checksum mismatch");
        }
    }

    private static int ownerWidth(int memberCount) {
        return memberCount <= 1 << 8 ? 1 : memberCount <= 1 << 16 ? 2 : 4;
    }

    private static void writeOwner(DataOutputStream out, int width, int owner) throws IOException {
        switch (width) {
            case 1 -> out.writeByte(owner);
            case 2 -> out.writeShort(owner);
            default -> out.writeInt(owner);
        }
    }

    private static int readOwner(ByteBuffer in, int width) {
        return switch (width) {
            case 1 -> in.get() & 0xff;
            case 2 -> in.getShort() & 0xffff;
            default -> in.getInt();
        };
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("node id or rack longer than " + MAX_STRING_BYTES + " bytes: "
                    + value.substring(0, Math.min(40, value.length())) + "...");
        }
        out.writeShort(utf8.length);
        out.write(utf8);
    }

    private static String readString(ByteBuffer in) {
        int length = in.getShort() & 0xffff;
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        ByteBuffer utf8 = in.slice().limit(length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(utf8).toString();
        } catch (CharacterCodingException e) {
            throw corrupt("a node id or rack is not valid UTF-8");
        }
    }

    private static IllegalArgumentException corrupt(String reason) {
        return new IllegalArgumentException("corrupt ring encoding: " + reason);
    }
}
