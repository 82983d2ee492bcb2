package io.ringkv.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextCodecTest {

    private static final VersionVector CONTEXT = VersionVector.of(List.of(
            new VersionVector.Entry("n1", 3, 1_700_000_000_000L),
            new VersionVector.Entry("n2", 1, 1_700_000_005_000L),
            new VersionVector.Entry("nœud-3", 12, 1_699_999_000_000L)));

    private static final int V1 = ContextCodec.FORMAT_VERSION;

    @Test
    void roundTripsCountersAndTimestamps() throws Exception {
        VersionVector decoded = ContextCodec.fromBytes(ContextCodec.toBytes(CONTEXT));
        assertThat(decoded).isEqualTo(CONTEXT);
        assertThat(decoded.entries()).as("timestamps too, for pruning").isEqualTo(CONTEXT.entries());
        assertThat(ContextCodec.fromHeader(ContextCodec.toHeader(CONTEXT)).entries()).isEqualTo(CONTEXT.entries());
    }

    @Test
    void theHeaderIsUnpaddedBase64urlOfTheBytesSoGrpcAndHttpInterchange() throws Exception {
        byte[] bytes = ContextCodec.toBytes(CONTEXT);
        String header = ContextCodec.toHeader(CONTEXT);

        assertThat(header).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        assertThat(header).doesNotContain("=", "+", "/");
        assertThat(ContextCodec.fromBytes(Base64.getUrlDecoder().decode(header))).isEqualTo(CONTEXT);
        assertThat(ContextCodec.fromHeader(Base64.getUrlEncoder().encodeToString(bytes)))
                .as("padding tolerated").isEqualTo(CONTEXT);
        assertThat(ContextCodec.fromHeader("  " + header + " ")).isEqualTo(CONTEXT);
    }

    @Test
    void isCompact() {
        assertThat(ContextCodec.toBytes(CONTEXT)).hasSizeLessThan(40);
        assertThat(ContextCodec.toHeader(CONTEXT)).hasSizeLessThan(54);
    }

    @Test
    void theEmptyContextIsNoBytesAndNoHeader() throws Exception {
        assertThat(ContextCodec.toBytes(VersionVector.empty())).isEmpty();
        assertThat(ContextCodec.toHeader(VersionVector.empty())).isEmpty();
        assertThat(ContextCodec.fromBytes(null)).isEqualTo(VersionVector.empty());
        assertThat(ContextCodec.fromBytes(new byte[0])).isEqualTo(VersionVector.empty());
        assertThat(ContextCodec.fromHeader(null)).isEqualTo(VersionVector.empty());
        assertThat(ContextCodec.fromHeader("")).isEqualTo(VersionVector.empty());
        assertThat(ContextCodec.fromHeader("   ")).isEqualTo(VersionVector.empty());
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] valid = ContextCodec.toBytes(CONTEXT);
        for (int length = 1; length < valid.length; length++) {
            byte[] truncated = Arrays.copyOf(valid, length);
            assertThatThrownBy(() -> ContextCodec.fromBytes(truncated))
                    .as("truncated to %d of %d bytes", length, valid.length)
                    .isInstanceOf(InvalidContextException.class);
        }
        String header = ContextCodec.toHeader(CONTEXT);
        for (int length = 1; length < header.length(); length++) {
            String truncated = header.substring(0, length);
            assertThatThrownBy(() -> ContextCodec.fromHeader(truncated))
                    .as("header truncated to %d characters", length)
                    .isInstanceOf(InvalidContextException.class);
        }
    }

    @Test
    void everySingleBitFlipIsRejected() {
        byte[] valid = ContextCodec.toBytes(CONTEXT);
        for (int bit = 0; bit < valid.length * 8; bit++) {
            byte[] flipped = valid.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> ContextCodec.fromBytes(flipped)).as("bit %d flipped", bit)
                    .isInstanceOf(InvalidContextException.class);
        }
    }

    @Test
    void anUnknownFormatVersionIsNamed() {
        byte[] bytes = ContextCodec.toBytes(CONTEXT);
        bytes[0] = 7;
        assertThatThrownBy(() -> ContextCodec.fromBytes(bytes)).isInstanceOf(InvalidContextException.class)
                .hasMessageContaining("format version 7");
    }

    @Test
    void badBase64IsRejected() {
        for (String header : List.of("!!!!", "ab+/cd", "A", "abc=def", "é")) {
            assertThatThrownBy(() -> ContextCodec.fromHeader(header)).as(header)
                    .isInstanceOf(InvalidContextException.class).hasMessageContaining("base64");
        }
    }

    @Test
    void foreignBytesFailTheChecksum() {
        byte[] foreign = "{\"vclock\":\"a85hYGBgzGDKBVIcR4M2cgczH7HPYEpkzGNlsP/VfYYvCwA=\"}".getBytes();
        foreign[0] = V1;
        assertThatThrownBy(() -> ContextCodec.fromBytes(foreign)).isInstanceOf(InvalidContextException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void hugeDeclaredCountsAndLengthsAreRejectedWithoutAllocating() {
        byte[] hugeCount = Frames.checksummed(V1, out -> {
            out.writeVarLong(0);
            out.writeVarLong(Long.MAX_VALUE);
        });
        byte[] hugeActor = Frames.checksummed(V1, out -> {
            out.writeVarLong(0);
            out.writeVarLong(1);
            out.writeVarLong(Integer.MAX_VALUE);
        });
        assertThatThrownBy(() -> ContextCodec.fromBytes(hugeCount)).isInstanceOf(InvalidContextException.class)
                .hasMessageContaining("declares " + Long.MAX_VALUE);
        assertThatThrownBy(() -> ContextCodec.fromBytes(hugeActor)).isInstanceOf(InvalidContextException.class)
                .hasMessageContaining("declares " + Integer.MAX_VALUE);
        assertThatThrownBy(() -> ContextCodec.fromBytes(new byte[ContextCodec.MAX_BYTES + 1]))
                .isInstanceOf(InvalidContextException.class).hasMessageContaining("exceeds");
    }

    @Test
    void malformedBodiesAreRejectedEvenWithAGoodChecksum() {
        assertRejected("unexpected bytes", Frames.rechecksummed(withTrailingByte(ContextCodec.toBytes(CONTEXT))));
        assertRejected("not strictly sorted", vectorFrame("b", 1, "a", 1));
        assertRejected("not strictly sorted", vectorFrame("a", 1, "a", 2));
        assertRejected("counter 0", vectorFrame("a", 0));
        assertRejected("empty actor", vectorFrame("", 1));
        assertRejected("negative", Frames.checksummed(V1, out -> {
            out.writeVarLong(5); // base
            out.writeVarLong(1);
            out.writeString("a");
            out.writeVarLong(1);
            out.writeVarLong(6); // older than the epoch
        }));
        assertRejected("UTF-8", Frames.checksummedRaw(new byte[] {V1, 0, 1, 1, (byte) 0xC3, 1, 0}));
        assertRejected("over-long varint", Frames.checksummedRaw(new byte[] {V1, (byte) 0x80, 0, 0}));
        assertRejected("too large", Frames.checksummedRaw(new byte[] {V1,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1}));
        assertRejected("too short", new byte[] {V1, 0, 0});
    }

    private static void assertRejected(String because, byte[] bytes) {
        assertThatThrownBy(() -> ContextCodec.fromBytes(bytes)).isInstanceOf(InvalidContextException.class)
                .hasMessageContaining(because);
        assertThatThrownBy(() -> ContextCodec.fromHeader(Base64.getUrlEncoder().encodeToString(bytes)))
                .isInstanceOf(InvalidContextException.class).hasMessageContaining(because);
    }

    /** A context frame of the given (actor, counter) pairs as written, sorted or not, all at time 0. */
    private static byte[] vectorFrame(Object... actorsAndCounters) {
        return Frames.checksummed(V1, out -> {
            out.writeVarLong(0);
            out.writeVarLong(actorsAndCounters.length / 2);
            for (int i = 0; i < actorsAndCounters.length; i += 2) {
                out.writeString((String) actorsAndCounters[i]);
                out.writeVarLong((Integer) actorsAndCounters[i + 1]);
                out.writeVarLong(0);
            }
        });
    }

    private static byte[] withTrailingByte(byte[] frame) {
        byte[] longer = Arrays.copyOf(frame, frame.length + 1);
        System.arraycopy(frame, frame.length - 4, longer, frame.length - 3, 4);
        longer[frame.length - 4] = 0;
        return longer;
    }
}
