package io.ringkv.version;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.version.ReplicaHistory.Step;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** The laws of {@link SiblingSet#merge} and the promises of {@link SiblingSet#coordinate}, over realistic histories. */
class SiblingSetProperties {

    private static final List<String> ACTORS = List.of("n1", "n2", "n3", "n4");

    @Provide
    Arbitrary<List<Step>> histories() {
        return ReplicaHistory.steps(ACTORS.size());
    }

    private static ReplicaHistory replay(List<Step> steps, ConflictMode mode) {
        return ReplicaHistory.replay(steps, ACTORS, mode);
    }

    @Property(tries = 300)
    void mergeIsCommutative(@ForAll("histories") List<Step> steps, @ForAll ConflictMode mode,
            @ForAll int a, @ForAll int b) {
        ReplicaHistory history = replay(steps, mode);
        SiblingSet x = history.snapshot(a);
        SiblingSet y = history.snapshot(b);
        assertThat(x.merge(y, mode)).isEqualTo(y.merge(x, mode));
    }

    @Property(tries = 300)
    void mergeIsAssociative(@ForAll("histories") List<Step> steps, @ForAll ConflictMode mode,
            @ForAll int a, @ForAll int b, @ForAll int c) {
        ReplicaHistory history = replay(steps, mode);
        SiblingSet x = history.snapshot(a);
        SiblingSet y = history.snapshot(b);
        SiblingSet z = history.snapshot(c);
        assertThat(x.merge(y, mode).merge(z, mode)).isEqualTo(x.merge(y.merge(z, mode), mode));
    }

    @Property(tries = 300)
    void mergeIsIdempotent(@ForAll("histories") List<Step> steps, @ForAll ConflictMode mode, @ForAll int a) {
        SiblingSet x = replay(steps, mode).snapshot(a);
        assertThat(x.merge(x, mode)).isEqualTo(x);
        assertThat(x.merge(SiblingSet.empty(), mode)).isEqualTo(x);
    }

    @Property(tries = 300)
    void theCoordinatorAlwaysKeepsTheWriteUnderTheDotItOwes(@ForAll("histories") List<Step> steps) {
        ReplicaHistory history = replay(steps, ConflictMode.SIBLINGS);
        for (int i = 0; i < history.writes.size(); i++) {
            assertThat(history.written.get(i).siblings()).extracting(Sibling::dot).contains(history.writes.get(i));
        }
    }

    /**
     * No lost update and no resurrection: once every replica has everything, exactly the writes that
     * no client context covered remain — each distinct, none superseded.
     */
    @Property(tries = 300)
    void convergedReplicasHoldExactlyTheWritesNoContextCovered(@ForAll("histories") List<Step> steps) {
        ReplicaHistory history = replay(steps, ConflictMode.SIBLINGS);
        Set<Dot> uncovered = history.writes.stream()
                .filter(dot -> history.contexts.stream().noneMatch(context -> context.covers(dot)))
                .collect(Collectors.toSet());
        assertThat(history.writes).doesNotHaveDuplicates();
        assertThat(history.converged().siblings()).extracting(Sibling::dot).containsExactlyInAnyOrderElementsOf(uncovered);
    }

    /** Guards the generator: the laws above mean little unless histories really are concurrent. */
    @Property(tries = 300)
    void historiesAreConcurrentOftenEnoughToMatter(@ForAll("histories") List<Step> steps) {
        ReplicaHistory history = replay(steps, ConflictMode.SIBLINGS);
        Statistics.label("converged to siblings").collect(history.converged().siblings().size() >= 2);
        Statistics.label("some write superseded").collect(history.converged().siblings().size() < history.writes.size());
        Statistics.label("converged to siblings").coverage(check -> check.check(true).percentage(p -> p >= 30));
        Statistics.label("some write superseded").coverage(check -> check.check(true).percentage(p -> p >= 60));
    }

    @Property(tries = 200)
    void lwwReplicasHoldAtMostOneSibling(@ForAll("histories") List<Step> steps) {
        ReplicaHistory history = replay(steps, ConflictMode.LWW);
        assertThat(history.snapshots).allSatisfy(set -> assertThat(set.siblings()).hasSizeLessThanOrEqualTo(1));
    }

    @Property(tries = 200)
    void equalVersionsHaveEqualDigests(@ForAll("histories") List<Step> steps, @ForAll int a, @ForAll int b) {
        ReplicaHistory history = replay(steps, ConflictMode.SIBLINGS);
        SiblingSet x = history.snapshot(a);
        SiblingSet y = history.snapshot(b);
        assertThat(x.merge(y, ConflictMode.SIBLINGS).digest()).isEqualTo(y.merge(x, ConflictMode.SIBLINGS).digest());
        if (!x.equals(y)) {
            assertThat(x.digest()).isNotEqualTo(y.digest());
        }
    }
}
