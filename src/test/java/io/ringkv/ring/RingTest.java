package io.ringkv.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RingTest {

    private static final NodeSpec A = NodeSpec.of("a");
    private static final NodeSpec B = NodeSpec.of("b");
    private static final NodeSpec C = NodeSpec.of("c");
    private static final NodeSpec D = NodeSpec.of("d");

    /** A ring with owners given by letter, e.g. "abac": a=0, b=1, ... */
    private static Ring ring(String owners, NodeSpec... nodes) {
        return new Ring(7, nodes, owners.chars().map(c -> c - 'a').toArray());
    }

    @Test
    void primariesAreTheFirstNDistinctNodesClockwiseAndFallbacksTheRest() {
        Ring ring = ring("abacbdcd", A, B, C, D);
        assertThat(ring.preferenceList(0, 3)).isEqualTo(new PreferenceList(0, List.of("a", "b", "c"), List.of("d")));
        assertThat(ring.preferenceList(7, 2)).isEqualTo(new PreferenceList(7, List.of("d", "a"), List.of("b", "c")));
        assertThat(ring.preferenceList(5, 1).fallbacks()).containsExactly("c", "a", "b");
    }

    @Test
    void primariesSkipARackAlreadyChosen() {
        NodeSpec a = new NodeSpec("a", "r1", 1);
        NodeSpec b = new NodeSpec("b", "r1", 1);
        NodeSpec c = new NodeSpec("c", "r2", 1);
        NodeSpec d = new NodeSpec("d", "r3", 1);
        Ring ring = ring("abcdabcd", a, b, c, d);
        PreferenceList list = ring.preferenceList(0, 3);
        assertThat(list.primaries()).containsExactly("a", "c", "d");
        assertThat(list.fallbacks()).containsExactly("b");
    }

    @Test
    void withFewerRacksThanNEveryRackIsCoveredFirst() {
        NodeSpec a = new NodeSpec("a", "r1", 1);
        NodeSpec b = new NodeSpec("b", "r1", 1);
        NodeSpec c = new NodeSpec("c", "r2", 1);
        NodeSpec e = new NodeSpec("e", "r1", 1);
        Ring ring = ring("abdc", a, b, c, e); // walk from 0: a b e c, three of rack r1 first
        assertThat(ring.preferenceList(0, 3).primaries()).containsExactly("a", "b", "c");
        assertThat(ring.preferenceList(0, 3).fallbacks()).containsExactly("e");
    }

    @Test
    void membersOwningNoPartitionComeLastById() {
        Ring ring = ring("ba", A, B, C, D);
        assertThat(ring.preferenceList(1, 3).primaries()).containsExactly("a", "b", "c");
        assertThat(ring.preferenceList(1, 2).fallbacks()).containsExactly("c", "d");
        assertThat(ring.preferenceList(0, 9).primaries()).containsExactly("b", "a", "c", "d");
        assertThat(ring.preferenceList(0, 9).fallbacks()).isEmpty();
    }

    @Test
    void primariesAreCachedPerPartitionAndN() {
        Ring ring = ring("abcabcab", A, B, C);
        assertThat(ring.preferenceList(4, 2).primaries()).isSameAs(ring.preferenceList(4, 2).primaries());
        assertThat(ring.preferenceList(4, 3).primaries()).containsExactly("b", "c", "a");
    }

    @Test
    void fallbacksAreAReadOnlyListThatComparesByContent() {
        List<String> fallbacks = ring("abcd", A, B, C, D).preferenceList(0, 1).fallbacks();
        assertThat(fallbacks).isEqualTo(List.of("b", "c", "d")).hasSize(3);
        assertThatThrownBy(() -> fallbacks.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> fallbacks.add("e")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void preferenceListOfAKeyUsesItsPartition() {
        Ring ring = ring("abcd", A, B, C, D);
        byte[] key = "hello".getBytes(StandardCharsets.UTF_8);
        int partition = ring.scheme().partitionOf("default", key);
        assertThat(ring.preferenceList("default", key, 2)).isEqualTo(ring.preferenceList(partition, 2));
    }

    @Test
    void rejectsAPartitionOutOfRangeAndNBelowOne() {
        Ring ring = ring("ab", A, B);
        assertThatThrownBy(() -> ring.preferenceList(2, 1)).hasMessageContaining("partition 2 is outside 0..1");
        assertThatThrownBy(() -> ring.owner(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ring.preferenceList(0, 0)).hasMessageContaining("N >= 1");
    }

    @Test
    void answersOwnershipQuestions() {
        Ring ring = ring("abacbdcd", A, B, C, D);
        assertThat(ring.version()).isEqualTo(7);
        assertThat(ring.partitionCount()).isEqualTo(8);
        assertThat(ring.owner(3)).isEqualTo("c");
        assertThat(ring.partitionsOwnedBy("c")).containsExactly(3, 6);
        assertThat(ring.ownedCount("a")).isEqualTo(2);
        assertThat(ring.ownedCount("zz")).isZero();
        assertThat(ring.partitionsOwnedBy("zz")).isEmpty();
        assertThat(ring.members()).containsOnlyKeys("a", "b", "c", "d");
        assertThat(ring.members().keySet()).containsExactly("a", "b", "c", "d");
        assertThat(ring.member("b")).isEqualTo(B);
        assertThatThrownBy(() -> ring.member("zz")).hasMessageContaining("zz is not a member");
        assertThatThrownBy(() -> ring.members().put("e", NodeSpec.of("e")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalityCoversVersionOwnersAndMembers() {
        Ring ring = ring("abab", A, B);
        assertThat(ring).isEqualTo(ring("abab", A, B)).hasSameHashCodeAs(ring("abab", A, B));
        assertThat(ring).isNotEqualTo(ring("baba", A, B));
        assertThat(ring).isNotEqualTo(ring("abab", A, B.withWeight(2)));
        assertThat(ring).isNotEqualTo(new Ring(8, new NodeSpec[] {A, B}, new int[] {0, 1, 0, 1}));
    }

    @Test
    void rejectsInconsistentTables() {
        assertThatThrownBy(() -> ring("aba", A, B)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> ring("ac", A, B)).hasMessageContaining("no valid owner");
        assertThatThrownBy(() -> ring("ab", B, A)).hasMessageContaining("sorted by id");
        assertThatThrownBy(() -> ring("a", new NodeSpec[0])).hasMessageContaining("at least one member");
    }

    @Test
    void nodeSpecValidatesAndNormalizesTheRack() {
        assertThat(new NodeSpec("n1", null, 1)).isEqualTo(new NodeSpec("n1", "", 1));
        assertThat(new NodeSpec("n1", null, 1).hasRack()).isFalse();
        assertThatThrownBy(() -> new NodeSpec("n1", "r", 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new NodeSpec(" ", "r", 1)).hasMessageContaining("blank");
    }
}
