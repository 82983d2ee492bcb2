package io.ringkv.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringkv.version.ReplicaHistory.Step;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Both codecs round-trip anything valid and reject anything else with their own exception only. */
class CodecProperties {

    /** Well-formed text (ringkv refuses to encode unpaired surrogates), possibly empty. */
    private static Arbitrary<String> text(int minLength) {
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFF')
                .ofMinLength(minLength).ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> actors() {
        return text(1);
    }

    @Provide
    Arbitrary<VersionVector> vectors() {
        Arbitrary<VersionVector.Entry> entry = Combinators.combine(actors(),
                Arbitraries.longs().between(1, Long.MAX_VALUE),
                Arbitraries.longs().between(0, Long.MAX_VALUE)).as(VersionVector.Entry::new);
        return entry.list().ofMaxSize(12).uniqueElements(VersionVector.Entry::actor).map(VersionVector::of);
    }

    @Provide
    Arbitrary<Sibling> siblings() {
        Arbitrary<Dot> dot = Combinators.combine(actors(), Arbitraries.longs().between(1, Long.MAX_VALUE))
                .as(Dot::new);
        return Combinators.combine(dot, vectors(), Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                        text(0), Arbitraries.of(true, false),
                        Arbitraries.longs().between(0, Long.MAX_VALUE))
                .as((d, context, value, contentType, deleted, timestamp) -> new Sibling(d, context,
                        deleted ? new byte[0] : value, contentType, deleted, timestamp));
    }

    @Provide
    Arbitrary<SiblingSet> siblingSets() {
        return siblings().list().ofMaxSize(5).uniqueElements(Sibling::dot).map(SiblingSet::of);
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        return ReplicaHistory.steps(3);
    }

    @Property
    void contextsRoundTripAsBytesAndAsHeaders(@ForAll("vectors") VersionVector context) throws Exception {
        assertThat(ContextCodec.fromBytes(ContextCodec.toBytes(context)).entries()).isEqualTo(context.entries());
        assertThat(ContextCodec.fromHeader(ContextCodec.toHeader(context)).entries()).isEqualTo(context.entries());
        assertThat(Base64.getUrlDecoder().decode(ContextCodec.toHeader(context))).isEqualTo(ContextCodec.toBytes(context));
    }

    @Property(tries = 300)
    void siblingSetsRoundTrip(@ForAll("siblingSets") SiblingSet set) {
        SiblingSet decoded = SiblingSetCodec.decode(SiblingSetCodec.encode(set));
        assertThat(decoded).isEqualTo(set);
        assertThat(decoded.digest()).isEqualTo(set.digest());
        assertThat(decoded.context().entries()).isEqualTo(set.context().entries());
    }

    @Property(tries = 200)
    void everySetOfARealHistoryRoundTrips(@ForAll("histories") List<Step> steps,
            @ForAll("actors") String first, @ForAll("actors") String second, @ForAll("actors") String third) {
        List<String> names = List.of(first, second + "\u0001", third + "\u0002");
        ReplicaHistory history = ReplicaHistory.replay(steps, names, ConflictMode.SIBLINGS);
        for (SiblingSet set : history.snapshots) {
            assertThat(SiblingSetCodec.decode(SiblingSetCodec.encode(set))).isEqualTo(set);
            assertThat(ContextCodec.toBytes(set.context())).satisfies(bytes ->
                    assertThat(ContextCodec.fromBytes(bytes)).isEqualTo(set.context()));
        }
    }

    /** Random bytes pass the format byte and a 32-bit checksum with odds of 1 in 2^40: never, in practice. */
    @Property
    void randomBytesAreNeverAContextByAccident(@ForAll byte[] bytes) throws Exception {
        if (bytes.length == 0) {
            assertThat(ContextCodec.fromBytes(bytes)).isEqualTo(VersionVector.empty());
        } else {
            assertThatThrownBy(() -> ContextCodec.fromBytes(bytes)).isInstanceOf(InvalidContextException.class);
        }
    }

    @Property
    void randomHeadersFailOnlyWithInvalidContextException(@ForAll String header) {
        try {
            ContextCodec.fromHeader(header);
        } catch (InvalidContextException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /** Past the checksum: random bodies behind a valid frame reach every check of the parser. */
    @Property
    void randomChecksummedBodiesFailOnlyWithTheCodecsOwnException(@ForAll byte[] body) {
        byte[] context = Frames.checksummedRaw(prepend(ContextCodec.FORMAT_VERSION, body));
        byte[] set = Frames.checksummedRaw(prepend(SiblingSetCodec.FORMAT_VERSION, body));
        try {
            ContextCodec.fromBytes(context);
        } catch (InvalidContextException expected) {
            assertThat(expected.getMessage()).startsWith("invalid context: ");
        }
        try {
            SiblingSetCodec.decode(set);
        } catch (CorruptVersionException expected) {
            assertThat(expected.getMessage()).startsWith("corrupt sibling set: ");
        }
    }

    /** Valid encodings with a few bytes altered and the checksum recomputed: near misses, the hardest input. */
    @Property(tries = 500)
    void alteredEncodingsFailOnlyWithTheCodecsOwnException(@ForAll("siblingSets") SiblingSet set,
            @ForAll("vectors") VersionVector vector, @ForAll List<@IntRange(max = 10_000) Integer> positions, @ForAll byte replacement) {
        byte[] context = alter(ContextCodec.toBytes(vector), positions, replacement);
        byte[] encodedSet = alter(SiblingSetCodec.encode(set), positions, replacement);
        try {
            ContextCodec.fromBytes(context);
        } catch (InvalidContextException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        try {
            SiblingSetCodec.decode(encodedSet);
        } catch (CorruptVersionException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /** {@code frame}'s body bytes at {@code positions} (wrapped) set to {@code replacement}, re-checksummed. */
    private static byte[] alter(byte[] frame, List<Integer> positions, byte replacement) {
        if (frame.length <= 5) {
            return frame;
        }
        byte[] altered = frame.clone();
        for (int position : positions) {
            altered[1 + position % (frame.length - 5)] = replacement;
        }
        return Frames.rechecksummed(altered);
    }

    private static byte[] prepend(int first, byte[] rest) {
        byte[] bytes = new byte[rest.length + 1];
        bytes[0] = (byte) first;
        System.arraycopy(rest, 0, bytes, 1, rest.length);
        return bytes;
    }
}
