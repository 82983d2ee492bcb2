package io.ringkv.version;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads what {@link WireWriter} wrote, trusting nothing: every length and count is checked against
 * the bytes that remain before anything is allocated, so a forged length cannot exhaust memory, and
 * every failure is a {@link MalformedBytes} that says what is wrong.
 */
final class WireReader {

    private static final int CHECKSUM_BYTES = 4;

    private final byte[] bytes;
    private final int limit;
    private int position;

    private WireReader(byte[] bytes, int start, int limit) {
        this.bytes = bytes;
        this.position = start;
        this.limit = limit;
    }

    /**
     * A reader over the body of {@code bytes}, once its first byte is {@code formatVersion} and its
     * CRC32C trailer matches.
     *
     * @param what the kind of data, for messages ("context", "sibling set")
     */
    static WireReader openChecksummed(byte[] bytes, int formatVersion, String what) {
        if (bytes.length == 0) {
            throw new MalformedBytes(what + " is empty");
        }
        if (bytes[0] != formatVersion) {
            throw new MalformedBytes("unsupported " + what + " format version " + (bytes[0] & 0xff)
                    + " (expected " + formatVersion + ")");
        }
        int bodyEnd = bytes.length - CHECKSUM_BYTES;
        if (bodyEnd < 1) {
            throw new MalformedBytes(what + " of " + bytes.length + " bytes is too short for its checksum");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bodyEnd);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bodyEnd, CHECKSUM_BYTES).getInt()) {
            throw new MalformedBytes(what + " checksum mismatch: truncated, altered, or not a ringkv " + what);
        }
        return new WireReader(bytes, 1, bodyEnd);
    }

    int readByte() {
        require(1, "a byte");
        return bytes[position++] & 0xff;
    }

    /** A canonical unsigned LEB128 varint of a non-negative long: at most 9 bytes, no needless zero byte. */
    long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (shift > 0 && b == 0) {
                    throw new MalformedBytes("over-long varint at byte " + (position - 1));
                }
                return value;
            }
        }
        throw new MalformedBytes("varint too large for a non-negative long at byte " + (position - 1));
    }

    /** A count of items that each take at least {@code minBytesEach}: bounded by what remains. */
    int readCount(int minBytesEach, String what) {
        long count = readVarLong();
        long fits = (long) remaining() / minBytesEach;
        if (count > fits) {
            throw new MalformedBytes("declares " + count + " " + what + " but only " + remaining()
                    + " bytes remain");
        }
        return (int) count;
    }

    /** A length-prefixed byte string. */
    byte[] readBytes(String what) {
        long length = readVarLong();
        if (length > remaining()) {
            throw new MalformedBytes(what + " declares " + length + " bytes but only " + remaining() + " remain");
        }
        byte[] read = new byte[(int) length];
        System.arraycopy(bytes, position, read, 0, read.length);
        position += read.length;
        return read;
    }

    /** A length-prefixed string in well-formed UTF-8. */
    String readString(String what) {
        byte[] utf8 = readBytes(what);
        if (isAscii(utf8)) {
            return new String(utf8, StandardCharsets.US_ASCII);
        }
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer text = strict.decode(ByteBuffer.wrap(utf8));
            return text.toString();
        } catch (CharacterCodingException e) {
            throw new MalformedBytes(what + " is not valid UTF-8");
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** An actor name: a non-empty string. */
    String readActor() {
        String actor = readString("actor name");
        if (actor.isEmpty()) {
            throw new MalformedBytes("empty actor name");
        }
        return actor;
    }

    /** A vector written by {@link WireWriter#writeVector}: actors strictly ascending, counters >= 1. */
    VersionVector readVector(ActorNaming naming, long baseMillis) {
        int count = readCount(3, "version vector entries");
        List<VersionVector.Entry> entries = new ArrayList<>(count);
        String previous = null;
        for (int i = 0; i < count; i++) {
            String actor = naming.read(this);
            if (previous != null && previous.compareTo(actor) >= 0) {
                throw new MalformedBytes("version vector actors not strictly sorted at " + actor);
            }
            entries.add(new VersionVector.Entry(actor, readCounter(), readTimestamp(baseMillis)));
            previous = actor;
        }
        return VersionVector.of(entries);
    }

    /** A dot or entry counter: at least 1. */
    long readCounter() {
        long counter = readVarLong();
        if (counter < 1) {
            throw new MalformedBytes("counter 0 at byte " + (position - 1));
        }
        return counter;
    }

    /** A timestamp written as its distance back from {@code baseMillis}. */
    long readTimestamp(long baseMillis) {
        long age = readVarLong();
        if (age > baseMillis) {
            throw new MalformedBytes("timestamp " + age + " ms before base " + baseMillis + " is negative");
        }
        return baseMillis - age;
    }

    /** Fails on trailing garbage. */
    void expectEnd() {
        if (position != limit) {
            throw new MalformedBytes((limit - position) + " unexpected bytes after the data");
        }
    }

    private int remaining() {
        return limit - position;
    }

    private void require(int count, String what) {
        if (remaining() < count) {
            throw new MalformedBytes("truncated: expected " + what + " at byte " + position);
        }
    }
}
