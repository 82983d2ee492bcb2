package io.ringkv.version;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Builds the binary forms of this package: a format version byte, a body of unsigned LEB128
 * varints, strings and bytes, and a CRC32C trailer. {@link WireReader} reads them back.
 */
final class WireWriter {

    private byte[] buffer;
    private int size;

    WireWriter(int formatVersion, int expectedSize) {
        buffer = new byte[Math.max(16, expectedSize)];
        writeByte(formatVersion);
    }

    void writeByte(int value) {
        ensureRoom(1);
        buffer[size++] = (byte) value;
    }

    /** An unsigned LEB128 varint: 7 bits a byte, low bits first; 1 byte below 128. */
    void writeVarLong(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("varints here are non-negative, got " + value);
        }
        ensureRoom(10);
        while ((value & ~0x7fL) != 0) {
            buffer[size++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        buffer[size++] = (byte) value;
    }

    void writeBytes(ByteBuffer bytes) {
        writeVarLong(bytes.remaining());
        ensureRoom(bytes.remaining());
        int length = bytes.remaining();
        bytes.get(buffer, size, length);
        size += length;
    }

    /** A string as length-prefixed UTF-8; text that is not well-formed Unicode is refused, not altered. */
    void writeString(String text) {
        if (isAscii(text)) { // node ids and content types: skip the strict encoder
            writeVarLong(text.length());
            ensureRoom(text.length());
            for (int i = 0; i < text.length(); i++) {
                buffer[size++] = (byte) text.charAt(i);
            }
            return;
        }
        try {
            writeBytes(StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text)));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not well-formed Unicode (an unpaired surrogate?): " + text, e);
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * A version vector: its entry count, then per entry the actor, the counter, and how many
     * milliseconds before {@code baseMillis} the entry last advanced (small, unlike epoch millis).
     */
    void writeVector(VersionVector vector, ActorNaming naming, long baseMillis) {
        writeVarLong(vector.size());
        for (VersionVector.Entry entry : vector.entries()) {
            naming.write(this, entry.actor());
            writeVarLong(entry.counter());
            writeVarLong(baseMillis - entry.timestampMillis());
        }
    }

    /** Everything written so far followed by its CRC32C, big-endian. */
    byte[] toChecksummedBytes() {
        CRC32C crc = new CRC32C();
        crc.update(buffer, 0, size);
        int checksum = (int) crc.getValue();
        ensureRoom(4);
        ByteBuffer.wrap(buffer, size, 4).putInt(checksum);
        return Arrays.copyOf(buffer, size + 4);
    }

    private void ensureRoom(int bytes) {
        if (size + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + bytes));
        }
    }
}
