package io.ringkv.version;

import static io.ringkv.version.ConflictMode.LWW;
import static io.ringkv.version.ConflictMode.SIBLINGS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiblingSetTest {

    private static final VersionVector BLIND = VersionVector.empty();

    private static SiblingSet put(SiblingSet replica, String actor, VersionVector context, String value, long now) {
        return put(replica, actor, context, value, now, SIBLINGS);
    }

    private static SiblingSet put(SiblingSet replica, String actor, VersionVector context, String value, long now,
            ConflictMode mode) {
        return replica.coordinate(actor, context, value.getBytes(StandardCharsets.UTF_8), "text/plain", false, now,
                mode);
    }

    private static SiblingSet delete(SiblingSet replica, String actor, VersionVector context, long now) {
        return replica.coordinate(actor, context, new byte[0], "text/plain", true, now, SIBLINGS);
    }

    private static List<String> values(SiblingSet set) {
        return set.liveSiblings().stream().map(s -> new String(s.value(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void twoWritesWithTheSameContextThroughTheSameActorBothSurvive() {
        SiblingSet a = put(SiblingSet.empty(), "A", BLIND, "v0", 1);
        VersionVector bothClientsRead = a.context();

        a = put(a, "A", bothClientsRead, "from client 1", 2);
        a = put(a, "A", bothClientsRead, "from client 2", 3);

        assertThat(values(a)).containsExactlyInAnyOrder("from client 1", "from client 2");
        assertThat(a.siblings()).extracting(Sibling::dot).containsExactly(new Dot("A", 2), new Dot("A", 3));
        assertThat(values(put(a, "A", a.context(), "resolved", 4))).containsExactly("resolved");
    }

    @Test
    void twoWritesWithTheSameContextThroughTwoActorsBothSurviveTheirMerge() {
        SiblingSet a = put(SiblingSet.empty(), "A", BLIND, "v0", 1);
        SiblingSet b = SiblingSet.empty().merge(a, SIBLINGS);
        VersionVector bothClientsRead = a.context();

        a = put(a, "A", bothClientsRead, "via A", 2);
        b = put(b, "B", bothClientsRead, "via B", 2);

        assertThat(values(a.merge(b, SIBLINGS))).containsExactlyInAnyOrder("via A", "via B");
        assertThat(a.merge(b, SIBLINGS).context().entries()).extracting(VersionVector.Entry::counter)
                .containsExactly(2L, 1L);
    }

    @Test
    void aWriteWhoseContextCoversASiblingReplacesIt() {
        SiblingSet a = put(SiblingSet.empty(), "A", BLIND, "v1", 1);
        a = put(a, "A", a.context(), "v2", 2);
        assertThat(values(a)).containsExactly("v2");
        assertThat(a.siblings().get(0).context()).isEqualTo(VersionVector.empty().with(new Dot("A", 1), 1));
    }

    @Test
    void aBlindWriteOnAnExistingKeyAddsASibling() {
        SiblingSet a = put(SiblingSet.empty(), "A", BLIND, "v1", 1);
        a = put(a, "A", BLIND, "blind", 2);
        assertThat(values(a)).containsExactlyInAnyOrder("v1", "blind");
    }

    @Test
    void theNewDotIsNewerThanAnythingTheClientOrTheReplicaHasSeenOfThatActor() {
        SiblingSet local = put(SiblingSet.empty(), "A", BLIND, "v1", 1);
        VersionVector aheadOfThisReplica = VersionVector.empty().with(new Dot("A", 7), 1);

        SiblingSet written = put(local, "A", aheadOfThisReplica, "v8", 2);

        assertThat(written.siblings()).extracting(Sibling::dot).containsExactly(new Dot("A", 8));
    }

    @Test
    void aDeleteWithAStaleContextConcurrentWithAPutLeavesThePutAlive() {
        SiblingSet a = put(SiblingSet.empty(), "A", BLIND, "v1", 1);
        SiblingSet b = SiblingSet.empty().merge(a, SIBLINGS);
        VersionVector staleRead = a.context();

        a = put(a, "A", staleRead, "v2", 2);
        b = delete(b, "B", staleRead, 3);
        SiblingSet merged = a.merge(b, SIBLINGS);

        assertThat(merged.isTombstone()).isFalse();
        assertThat(values(merged)).containsExactly("v2");
        assertThat(merged.siblings()).hasSize(2).anyMatch(Sibling::deleted);
    }

    @Test
    void aDeleteThatSawEverythingLeavesATombstoneWithAClock() {
        SiblingSet a = put(SiblingSet.empty(), "A", BLIND, "v1", 1);
        SiblingSet deleted = delete(a, "A", a.context(), 2);

        assertThat(deleted.isTombstone()).isTrue();
        assertThat(deleted.liveSiblings()).isEmpty();
        assertThat(deleted.siblings().get(0).valueLength()).isZero();
        assertThat(deleted.context()).isEqualTo(VersionVector.empty().with(new Dot("A", 2), 2));
        assertThat(values(put(deleted, "A", deleted.context(), "again", 3))).containsExactly("again");
        assertThat(SiblingSet.empty().isTombstone()).isFalse();
    }

    @Test
    void mergeDedupesTheSameWriteAndDropsWhatAContextCovers() {
        SiblingSet a = put(SiblingSet.empty(), "A", BLIND, "v1", 1);
        SiblingSet later = put(a, "A", a.context(), "v2", 2);

        assertThat(a.merge(a, SIBLINGS)).isEqualTo(a);
        assertThat(a.merge(later, SIBLINGS)).isEqualTo(later);
        assertThat(later.merge(a, SIBLINGS)).isEqualTo(later);
    }

    @Test
    void replicationMustShipTheWholeSetNotTheNewSiblingAlone() {
        SiblingSet a = put(SiblingSet.empty(), "A", BLIND, "v1", 1);
        a = put(a, "A", BLIND, "v2", 2); // concurrent with v1
        Sibling newest = a.siblings().get(1);

        SiblingSet wholeSetShipped = SiblingSet.empty().merge(a, SIBLINGS);
        SiblingSet newestAlone = SiblingSet.of(List.of(newest));

        assertThat(values(wholeSetShipped)).as("a reader sees both, so may supersede both")
                .containsExactlyInAnyOrder("v1", "v2");
        assertThat(values(newestAlone)).as("a reader sees only v2...").containsExactly("v2");
        assertThat(newestAlone.context().covers(a.siblings().get(0).dot()))
                .as("...yet its context, (A,2), covers v1's dot (A,1)").isTrue();
        assertThat(values(put(newestAlone, "B", newestAlone.context(), "v3", 3).merge(a, SIBLINGS)))
                .as("so that reader's write silently supersedes v1, which it never saw").containsExactly("v3");
    }

    @Test
    void lwwKeepsTheNewestOfConcurrentWritesWhateverTheMergeOrder() {
        SiblingSet a = put(SiblingSet.empty(), "A", BLIND, "older", 100, LWW);
        SiblingSet b = put(SiblingSet.empty(), "B", BLIND, "newer", 200, LWW);

        assertThat(values(a.merge(b, LWW))).containsExactly("newer");
        assertThat(values(b.merge(a, LWW))).containsExactly("newer");
        assertThat(values(put(b, "A", BLIND, "newest", 300, LWW))).containsExactly("newest");
        assertThat(values(put(b, "A", BLIND, "late arrival, early stamp", 150, LWW))).containsExactly("newer");
    }

    @Test
    void lwwBreaksTimestampTiesByDot() {
        SiblingSet a = put(SiblingSet.empty(), "A", BLIND, "from A", 100, LWW);
        SiblingSet b = put(SiblingSet.empty(), "B", BLIND, "from B", 100, LWW);
        assertThat(values(a.merge(b, LWW))).containsExactly("from B");
        assertThat(values(b.merge(a, LWW))).containsExactly("from B");
    }

    @Test
    void aCausallyLaterWriteWinsUnderLwwEvenWhenItsCoordinatorsClockLags() {
        SiblingSet b = put(SiblingSet.empty(), "B", BLIND, "first", 5_000, LWW);
        SiblingSet a = put(b, "A", b.context(), "second, clock behind", 1_000, LWW);

        assertThat(values(a)).containsExactly("second, clock behind");
        assertThat(a.siblings().get(0).timestampMillis()).as("bumped past what it supersedes").isEqualTo(5_001);
        assertThat(values(b.merge(a, LWW))).containsExactly("second, clock behind");
    }

    @Test
    void newestTimestampIsTheLatestSiblingsForPurging() {
        SiblingSet a = put(put(SiblingSet.empty(), "A", BLIND, "x", 10), "B", BLIND, "y", 30);
        assertThat(a.newestTimestamp()).isEqualTo(30);
        assertThat(SiblingSet.empty().newestTimestamp()).isZero();
    }

    @Test
    void theDigestFollowsTheVersionNotTheObject() {
        SiblingSet a = put(SiblingSet.empty(), "A", BLIND, "v1", 1);
        SiblingSet sameVersion = SiblingSetCodec.decode(SiblingSetCodec.encode(a));
        SiblingSet twoSiblings = put(a, "B", BLIND, "v2", 2);
        SiblingSet tombstone = delete(a, "A", BLIND, 2);
        SiblingSet liveAtSameDot = put(a, "A", BLIND, "v2", 2);

        assertThat(sameVersion.digest()).isEqualTo(a.digest());
        assertThat(twoSiblings.digest()).isNotEqualTo(a.digest());
        assertThat(tombstone.digest()).as("the deleted flag counts").isNotEqualTo(liveAtSameDot.digest());
        assertThat(SiblingSet.empty().digest()).isNotEqualTo(a.digest());
    }

    @Test
    void theDigestIsStableAcrossReleases() {
        // Replicas running different builds compare Merkle trees built from these digests:
        // changing the function is a wire-format change. This pins it. The constant was computed
        // independently (a Python rendering of FNV-1a 64 + fmix64 over count, then per sibling:
        // actor length, actor UTF-8, counter, deleted flag; longs little-endian).
        SiblingSet a = put(SiblingSet.empty(), "n1", BLIND, "v1", 1);
        a = delete(a, "n2", BLIND, 2);
        assertThat(a.digest()).isEqualTo(STABLE_DIGEST);
    }

    private static final long STABLE_DIGEST = -6496991928718903621L;

    @Test
    void theValueCannotBeChangedFromOutside() {
        byte[] value = "v1".getBytes(StandardCharsets.UTF_8);
        SiblingSet a = SiblingSet.empty().coordinate("A", BLIND, value, "text/plain", false, 1, SIBLINGS);
        value[0] = 'X';
        a.siblings().get(0).value()[1] = 'Y';
        assertThat(values(a)).containsExactly("v1");
    }
}
