package io.ringkv.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionVectorTest {

    private static VersionVector.Entry entry(String actor, long counter, long timestamp) {
        return new VersionVector.Entry(actor, counter, timestamp);
    }

    private static VersionVector vector(Object... actorsAndCounters) {
        VersionVector vector = VersionVector.empty();
        for (int i = 0; i < actorsAndCounters.length; i += 2) {
            vector = vector.with(new Dot((String) actorsAndCounters[i], (Integer) actorsAndCounters[i + 1]), 100);
        }
        return vector;
    }

    @Test
    void theEmptyVectorHasSeenNothing() {
        assertThat(VersionVector.empty().counter("a")).isZero();
        assertThat(VersionVector.empty().covers(new Dot("a", 1))).isFalse();
        assertThat(VersionVector.empty().size()).isZero();
        assertThat(VersionVector.empty()).hasToString("[]");
    }

    @Test
    void coversEveryDotUpToItsCounter() {
        VersionVector vector = vector("a", 2);
        assertThat(vector.covers(new Dot("a", 1))).isTrue();
        assertThat(vector.covers(new Dot("a", 2))).isTrue();
        assertThat(vector.covers(new Dot("a", 3))).isFalse();
        assertThat(vector.covers(new Dot("b", 1))).isFalse();
    }

    @Test
    void joinTakesTheHigherCounterOfEachActorAndItsTimestamp() {
        VersionVector left = VersionVector.of(entry("a", 3, 30), entry("b", 1, 10));
        VersionVector right = VersionVector.of(entry("b", 2, 20), entry("c", 1, 5));

        VersionVector joined = left.join(right);

        assertThat(joined.entries()).containsExactly(entry("a", 3, 30), entry("b", 2, 20), entry("c", 1, 5));
        assertThat(right.join(left).entries()).isEqualTo(joined.entries());
    }

    @Test
    void withAdvancesOneActorAndStampsTheEntry() {
        VersionVector vector = VersionVector.of(entry("a", 1, 10)).with(new Dot("a", 2), 20).with(new Dot("b", 1), 30);

        assertThat(vector.entries()).containsExactly(entry("a", 2, 20), entry("b", 1, 30));
        assertThat(vector.with(new Dot("a", 1), 99).entries())
                .as("an older dot changes nothing").containsExactly(entry("a", 2, 20), entry("b", 1, 30));
    }

    @Test
    void compareTellsAllFourRelations() {
        assertThat(vector("a", 1).compare(vector("a", 2))).isEqualTo(Occurred.BEFORE);
        assertThat(vector("a", 2).compare(vector("a", 1))).isEqualTo(Occurred.AFTER);
        assertThat(vector("a", 1).compare(vector("a", 1, "b", 1))).isEqualTo(Occurred.BEFORE);
        assertThat(vector("a", 2).compare(vector("a", 1, "b", 1))).isEqualTo(Occurred.CONCURRENT);
        assertThat(vector("a", 1).compare(vector("b", 1))).isEqualTo(Occurred.CONCURRENT);
        assertThat(vector("a", 1, "b", 2).compare(vector("a", 1, "b", 2))).isEqualTo(Occurred.EQUAL);
        assertThat(VersionVector.empty().compare(VersionVector.empty())).isEqualTo(Occurred.EQUAL);
        assertThat(VersionVector.empty().compare(vector("z", 1))).isEqualTo(Occurred.BEFORE);
    }

    @Test
    void equalityIgnoresTimestamps() {
        VersionVector early = VersionVector.of(entry("a", 1, 10));
        VersionVector late = VersionVector.of(entry("a", 1, 99));
        assertThat(early).isEqualTo(late).hasSameHashCodeAs(late);
        assertThat(early).isNotEqualTo(VersionVector.of(entry("a", 2, 10)));
    }

    @Test
    void entriesAreSortedByActorWhateverTheOrderGiven() {
        VersionVector vector = VersionVector.of(entry("c", 1, 0), entry("a", 1, 0), entry("b", 1, 0));
        assertThat(vector.entries()).extracting(VersionVector.Entry::actor).containsExactly("a", "b", "c");
        assertThat(vector).hasToString("[(a,1),(b,1),(c,1)]");
    }

    @Test
    void rejectsTwoEntriesForOneActorAndMeaninglessCounters() {
        assertThatThrownBy(() -> VersionVector.of(entry("a", 1, 0), entry("a", 2, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actor a");
        assertThatThrownBy(() -> entry("a", 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> entry("", 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Dot("a", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
