package io.ringkv.version;

import static io.ringkv.version.ConflictMode.SIBLINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiblingSetCodecTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final int V1 = SiblingSetCodec.FORMAT_VERSION;

    private static SiblingSet put(SiblingSet set, String actor, VersionVector context, byte[] value, long now) {
        return set.coordinate(actor, context, value, "application/octet-stream", false, now, SIBLINGS);
    }

    /** Three replicas, three live siblings (one blind) and a tombstone, a 1 KiB value, a non-ASCII actor. */
    private static SiblingSet rich() {
        SiblingSet set = put(SiblingSet.empty(), "n1", VersionVector.empty(), "v1".getBytes(StandardCharsets.UTF_8),
                NOW);
        VersionVector read = set.context();
        set = put(set, "n1", read, new byte[1024], NOW + 10);
        set = put(set, "nœud-2", read, new byte[0], NOW + 20);
        set = set.coordinate("n3", read, new byte[0], "", true, NOW + 5, SIBLINGS);
        return put(set, "n1", VersionVector.empty(), "blind".getBytes(StandardCharsets.UTF_8), NOW + 30);
    }

    /** What a key usually holds: one value written through three replicas in turn. */
    private static SiblingSet typical() {
        SiblingSet set = SiblingSet.empty();
        for (String actor : List.of("n1", "n2", "n3")) {
            set = set.coordinate(actor, set.context(), new byte[10], "text/plain", false, NOW, SIBLINGS);
        }
        return set;
    }

    @Test
    void roundTripsEverySibling() {
        SiblingSet set = rich();
        SiblingSet decoded = SiblingSetCodec.decode(SiblingSetCodec.encode(set));

        assertThat(decoded).isEqualTo(set);
        assertThat(decoded.siblings()).hasSize(4);
        for (int i = 0; i < set.siblings().size(); i++) {
            assertThat(decoded.siblings().get(i).context().entries())
                    .as("entry timestamps survive").isEqualTo(set.siblings().get(i).context().entries());
        }
        assertThat(SiblingSetCodec.decode(SiblingSetCodec.encode(SiblingSet.empty()))).isEqualTo(SiblingSet.empty());
    }

    @Test
    void equalSetsEncodeToEqualBytes() {
        assertThat(SiblingSetCodec.encode(SiblingSetCodec.decode(SiblingSetCodec.encode(rich()))))
                .isEqualTo(SiblingSetCodec.encode(rich()));
    }

    @Test
    void aTypicalKeyCostsFewBytesBeyondItsValue() {
        byte[] encoded = SiblingSetCodec.encode(typical());
        // version 1 + actors 10 + base 6 + count 1 + dot 2 + flags 1 + age 1 + content type 11
        // + value 11 + context 7 + CRC 4 = 55
        assertThat(encoded).hasSize(55);
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] valid = SiblingSetCodec.encode(typical());
        for (int length = 0; length < valid.length; length++) {
            byte[] truncated = Arrays.copyOf(valid, length);
            assertThatThrownBy(() -> SiblingSetCodec.decode(truncated)).as("truncated to %d bytes", length)
                    .isInstanceOf(CorruptVersionException.class);
        }
    }

    @Test
    void everySingleBitFlipIsRejected() {
        byte[] valid = SiblingSetCodec.encode(typical());
        for (int bit = 0; bit < valid.length * 8; bit++) {
            byte[] flipped = valid.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> SiblingSetCodec.decode(flipped)).as("bit %d flipped", bit)
                    .isInstanceOf(CorruptVersionException.class);
        }
    }

    @Test
    void anUnknownFormatVersionIsNamed() {
        byte[] bytes = SiblingSetCodec.encode(typical());
        bytes[0] = 2;
        assertThatThrownBy(() -> SiblingSetCodec.decode(bytes)).isInstanceOf(CorruptVersionException.class)
                .hasMessageContaining("format version 2");
    }

    @Test
    void malformedBodiesAreRejectedEvenWithAGoodChecksum() {
        assertCorrupt("declares", Frames.checksummed(V1, out -> out.writeVarLong(Long.MAX_VALUE)));
        assertCorrupt("declares", Frames.checksummed(V1, out -> {
            out.writeVarLong(0); // no actors
            out.writeVarLong(0); // base
            out.writeVarLong(1L << 40); // siblings
        }));
        assertCorrupt("not strictly sorted", Frames.checksummed(V1, out -> {
            out.writeVarLong(2);
            out.writeString("b");
            out.writeString("a");
        }));
        assertCorrupt("actor index 5", oneSibling(5, 0, 0));
        assertCorrupt("unknown sibling flags", oneSibling(0, 4, 0));
        assertCorrupt("tombstone", oneSibling(0, 1, 3));
        assertCorrupt("not strictly sorted by dot", Frames.checksummed(V1, out -> {
            out.writeVarLong(1);
            out.writeString("a");
            out.writeVarLong(0);
            out.writeVarLong(2);
            for (int counter : new int[] {2, 1}) {
                out.writeVarLong(0);
                out.writeVarLong(counter);
                out.writeByte(0);
                out.writeVarLong(0);
                out.writeString("");
                out.writeVarLong(0);
                out.writeVarLong(0);
            }
        }));
    }

    /** A set with actor table ["a"] and one sibling with the given actor index, flags and value length. */
    private static byte[] oneSibling(int actorIndex, int flags, int valueLength) {
        return Frames.checksummed(V1, out -> {
            out.writeVarLong(1);
            out.writeString("a");
            out.writeVarLong(0);
            out.writeVarLong(1);
            out.writeVarLong(actorIndex);
            out.writeVarLong(1);
            out.writeByte(flags);
            out.writeVarLong(0);
            out.writeString("");
            out.writeVarLong(valueLength);
            for (int i = 0; i < valueLength; i++) {
                out.writeByte(7);
            }
            out.writeVarLong(0);
        });
    }

    private static void assertCorrupt(String because, byte[] bytes) {
        assertThatThrownBy(() -> SiblingSetCodec.decode(bytes)).isInstanceOf(CorruptVersionException.class)
                .hasMessageContaining(because);
    }

    @Test
    void refusesToEncodeTextThatIsNotUnicodeRatherThanAlterIt() {
        SiblingSet set = SiblingSet.empty().coordinate("n1", VersionVector.empty(), new byte[0], "bad\uD800",
                false, NOW, SIBLINGS);
        assertThatThrownBy(() -> SiblingSetCodec.encode(set)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unicode");
    }
}
