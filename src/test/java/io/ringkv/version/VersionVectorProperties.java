package io.ringkv.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class VersionVectorProperties {

    /** Few actors and small counters, so that vectors often overlap, tie and dominate. */
    @Provide
    Arbitrary<VersionVector> vectors() {
        Arbitrary<VersionVector.Entry> entry = Combinators.combine(
                Arbitraries.of("a", "b", "c", "d"),
                Arbitraries.longs().between(1, 4),
                Arbitraries.longs().between(0, 100)).as(VersionVector.Entry::new);
        return entry.list().ofMaxSize(4).uniqueElements(VersionVector.Entry::actor).map(VersionVector::of);
    }

    @Property
    void compareIsAntisymmetric(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b) {
        assertThat(b.compare(a)).isEqualTo(a.compare(b).reversed());
    }

    @Property
    void compareSaysEqualExactlyForEqualVectors(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b) {
        assertThat(a.compare(b) == Occurred.EQUAL).isEqualTo(a.equals(b));
        assertThat(a.compare(a)).isEqualTo(Occurred.EQUAL);
    }

    @Property
    void compareAgreesWithCovers(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b) {
        boolean aWithinB = a.entries().stream().allMatch(e -> b.covers(new Dot(e.actor(), e.counter())));
        boolean bWithinA = b.entries().stream().allMatch(e -> a.covers(new Dot(e.actor(), e.counter())));
        Occurred expected = aWithinB && bWithinA ? Occurred.EQUAL
                : aWithinB ? Occurred.BEFORE : bWithinA ? Occurred.AFTER : Occurred.CONCURRENT;
        assertThat(a.compare(b)).isEqualTo(expected);
    }

    @Property
    void joinIsTheLeastUpperBound(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b) {
        VersionVector joined = a.join(b);
        assertThat(List.of(joined.compare(a), joined.compare(b))).doesNotContain(Occurred.BEFORE, Occurred.CONCURRENT);
        if (a.compare(b) == Occurred.BEFORE) {
            assertThat(joined).isEqualTo(b);
        }
        for (VersionVector.Entry entry : joined.entries()) {
            assertThat(entry.counter()).isEqualTo(Math.max(a.counter(entry.actor()), b.counter(entry.actor())));
        }
    }

    @Property
    void joinIsASemilatticeTimestampsIncluded(@ForAll("vectors") VersionVector a, @ForAll("vectors") VersionVector b,
            @ForAll("vectors") VersionVector c) {
        assertThat(a.join(b).entries()).isEqualTo(b.join(a).entries());
        assertThat(a.join(b).join(c).entries()).isEqualTo(a.join(b.join(c)).entries());
        assertThat(a.join(a).entries()).isEqualTo(a.entries());
    }
}
