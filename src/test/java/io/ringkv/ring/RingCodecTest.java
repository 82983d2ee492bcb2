package io.ringkv.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class RingCodecTest {

    private final Ring ring = Claim.initial(8, List.of(new NodeSpec("a", "r1", 2), NodeSpec.of("b")));

    /** Replaces the trailing checksum so that a deliberately malformed body reaches the parser. */
    private static byte[] resealed(byte[] encoded) {
        CRC32 crc = new CRC32();
        crc.update(encoded, 0, encoded.length - 4);
        ByteBuffer.wrap(encoded, encoded.length - 4, 4).putInt((int) crc.getValue());
        return encoded;
    }

    @Test
    void layoutIsVersionedAndCompact() {
        byte[] encoded = RingCodec.encode(ring);
        // format, version, log2 Q, member count, members (a: 2+1 +2+2 +4, b: 2+1 +2 +4), 8 owners, crc
        assertThat(encoded).hasSize(1 + 8 + 1 + 4 + 11 + 9 + 8 + 4);
        assertThat(encoded[0]).isEqualTo(RingCodec.FORMAT_VERSION);
        assertThat(RingCodec.decode(encoded)).isEqualTo(ring);
    }

    @Test
    void roundTripsALargeRingWithWideOwnerIndices() {
        List<NodeSpec> members = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            members.add(new NodeSpec("node-" + i, i % 2 == 0 ? "rack-" + i % 7 : null, 1 + i % 3));
        }
        Ring large = Claim.join(Claim.initial(1024, members), NodeSpec.of("ñode-é"));
        assertThat(RingCodec.decode(RingCodec.encode(large))).isEqualTo(large);
    }

    @Test
    void rejectsAnUnknownFormatVersion() {
        byte[] encoded = resealed(RingCodec.encode(ring));
        encoded[0] = 2;
        assertThatThrownBy(() -> RingCodec.decode(encoded)).hasMessageContaining("unknown format version 2");
    }

    @Test
    void rejectsAChecksumMismatch() {
        byte[] encoded = RingCodec.encode(ring);
        encoded[12] ^= 1;
        assertThatThrownBy(() -> RingCodec.decode(encoded)).hasMessageContaining("checksum mismatch");
    }

    @Test
    void rejectsEmptyAndTinyInput() {
        assertThatThrownBy(() -> RingCodec.decode(new byte[0])).hasMessageContaining("too short");
        assertThatThrownBy(() -> RingCodec.decode(null)).hasMessageContaining("too short");
    }

    @Test
    void rejectsAnOwnerOutsideTheMembers() {
        byte[] encoded = RingCodec.encode(ring);
        encoded[encoded.length - 5] = 2; // last owner byte: index 2 of 2 members
        assertThatThrownBy(() -> RingCodec.decode(resealed(encoded)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("corrupt ring encoding")
                .hasMessageContaining("no valid owner");
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] encoded = Arrays.copyOf(RingCodec.encode(ring), RingCodec.encode(ring).length + 1);
        assertThatThrownBy(() -> RingCodec.decode(resealed(encoded))).hasMessageContaining("unexpected bytes");
    }

    @Test
    void rejectsAnAbsurdMemberCount() {
        byte[] encoded = RingCodec.encode(ring);
        ByteBuffer.wrap(encoded).putInt(10, Integer.MAX_VALUE);
        assertThatThrownBy(() -> RingCodec.decode(resealed(encoded))).hasMessageContaining("member count");
    }

    @Test
    void rejectsAZeroWeight() {
        byte[] encoded = RingCodec.encode(ring);
        ByteBuffer.wrap(encoded).putInt(14 + 7, 0); // weight of "a": after its id (2+1) and rack (2+2)
        assertThatThrownBy(() -> RingCodec.decode(resealed(encoded))).hasMessageContaining("at least 1");
    }
}
