package io.ringkv.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The binary form of a {@link SiblingSet}, for the partition stores and the peer wire.
 *
 * <pre>
 *   format version (1)
 *   actor table      count, then each actor as UTF-8, sorted
 *   base timestamp   the newest timestamp in the set; every timestamp below is an age from it
 *   sibling count
 *   per sibling      dot actor index, dot counter, flags (bit 0: tombstone), age,
 *                    content type, value length and bytes, context (count, then per entry:
 *                    actor index, counter, age)
 *   CRC32C of everything above
 * </pre>
 *
 * All integers are unsigned LEB128 varints. Each actor's name is written once however many dots
 * and contexts mention it, and timestamps cost a byte or two instead of six. Equal sets encode to
 * equal bytes. The checksum turns a damaged record into a {@link CorruptVersionException} rather
 * than a wrong history.
 */
public final class SiblingSetCodec {

    static final int FORMAT_VERSION = 1;

    private static final int TOMBSTONE_FLAG = 1;

    private SiblingSetCodec() {
    }

    /** The set's encoding; callers must not modify the array (it is cached in the set). */
    public static byte[] encode(SiblingSet set) {
        byte[] cached = set.encoded();
        if (cached == null) {
            cached = encodeFresh(set);
            set.rememberEncoding(cached);
        }
        return cached;
    }

    private static byte[] encodeFresh(SiblingSet set) {
        ActorTable actors = ActorTable.of(set);
        long base = newestTimestamp(set);
        WireWriter out = new WireWriter(FORMAT_VERSION, expectedSize(set));
        actors.writeTo(out);
        out.writeVarLong(base);
        out.writeVarLong(set.siblings().size());
        for (Sibling sibling : set.siblings()) {
            actors.write(out, sibling.dot().actor());
            out.writeVarLong(sibling.dot().counter());
            out.writeByte(sibling.deleted() ? TOMBSTONE_FLAG : 0);
            out.writeVarLong(base - sibling.timestampMillis());
            out.writeString(sibling.contentType());
            out.writeBytes(sibling.valueBuffer());
            out.writeVector(sibling.context(), actors, base);
        }
        return out.toChecksummedBytes();
    }

    public static SiblingSet decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        try {
            WireReader in = WireReader.openChecksummed(bytes, FORMAT_VERSION, "sibling set");
            ActorTable actors = ActorTable.readFrom(in);
            long base = in.readVarLong();
            int count = in.readCount(7, "siblings");
            List<Sibling> siblings = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Sibling sibling = readSibling(in, actors, base);
                if (i > 0 && siblings.get(i - 1).dot().compareTo(sibling.dot()) >= 0) {
                    throw new MalformedBytes("siblings not strictly sorted by dot at " + sibling.dot());
                }
                siblings.add(sibling);
            }
            in.expectEnd();
            SiblingSet set = SiblingSet.of(siblings);
            if (!set.isEmpty()) {
                set.rememberEncoding(bytes);
            }
            return set;
        } catch (MalformedBytes | IllegalArgumentException e) {
            throw new CorruptVersionException("corrupt sibling set: " + e.getMessage(), e);
        }
    }

    private static Sibling readSibling(WireReader in, ActorTable actors, long base) {
        Dot dot = new Dot(actors.read(in), in.readCounter());
        int flags = in.readByte();
        if ((flags & ~TOMBSTONE_FLAG) != 0) {
            throw new MalformedBytes("unknown sibling flags " + flags + " on " + dot);
        }
        boolean deleted = flags == TOMBSTONE_FLAG;
        long timestamp = in.readTimestamp(base);
        String contentType = in.readString("content type");
        byte[] value = in.readBytes("value");
        if (deleted && value.length > 0) {
            throw new MalformedBytes("tombstone " + dot + " carries a " + value.length + "-byte value");
        }
        VersionVector context = in.readVector(actors, base);
        return new Sibling(dot, context, value, contentType, deleted, timestamp);
    }

    private static long newestTimestamp(SiblingSet set) {
        long newest = set.newestTimestamp();
        for (Sibling sibling : set.siblings()) {
            newest = Math.max(newest, sibling.context().newestTimestamp());
        }
        return newest;
    }

    private static int expectedSize(SiblingSet set) {
        long size = 32;
        for (Sibling sibling : set.siblings()) {
            size += 32 + sibling.valueLength() + sibling.contentType().length() + 8L * sibling.context().size();
        }
        return (int) Math.min(size, Integer.MAX_VALUE - 16);
    }
}
