package io.ringkv.version;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a replica keeps for one key: the concurrent writes (siblings) that no known write has
 * superseded, each named by its {@link Dot} and carrying its own causal context. Immutable.
 *
 * <p>A sibling is obsolete once a context covers its dot: the context of an incoming write
 * ({@link #coordinate}) or of another sibling ({@link #merge}). Because obsolescence is decided per
 * dot, two writes sent with the same context both survive, whichever replicas coordinate them; a
 * per-coordinator vector clock would see the second as a successor of the first and lose one.
 *
 * <p>Siblings are kept sorted by dot, so equal sets are equal objects and encode to equal bytes.
 */
public final class SiblingSet {

    private static final SiblingSet EMPTY = new SiblingSet(List.of());
    private static final byte[] NO_VALUE = new byte[0];

    /**
     * Recency for last-write-wins: timestamp, then dot. The remaining fields only make the order
     * total, so that a choice between two different siblings never depends on argument order.
     */
    private static final Comparator<Sibling> RECENCY = Comparator.comparingLong(Sibling::timestampMillis)
            .thenComparing(Sibling::dot)
            .thenComparing(Sibling::deleted)
            .thenComparing(Sibling::contentType)
            .thenComparing(Sibling::valueBuffer)
            .thenComparing(Sibling::context, VersionVector.CANONICAL_ORDER);

    /** Sorted by dot, one sibling per dot. */
    private final List<Sibling> siblings;

    /**
     * This set's encoding, once {@link SiblingSetCodec} made or read it: a write is encoded once
     * for storage and once per replica otherwise. Deterministic, so a racy publication is benign.
     */
    private byte[] encoded;

    private SiblingSet(List<Sibling> sortedByDot) {
        this.siblings = List.copyOf(sortedByDot);
    }

    public static SiblingSet empty() {
        return EMPTY;
    }

    /** A set of already reconciled siblings with distinct dots, in any order (for decoding). */
    static SiblingSet of(Collection<Sibling> siblings) {
        List<Sibling> sorted = new ArrayList<>(siblings);
        sorted.sort(Comparator.comparing(Sibling::dot));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).dot().equals(sorted.get(i).dot())) {
                throw new IllegalArgumentException("two siblings named " + sorted.get(i).dot());
            }
        }
        return sorted.isEmpty() ? EMPTY : new SiblingSet(sorted);
    }

    /** The siblings, sorted by dot. */
    public List<Sibling> siblings() {
        return siblings;
    }

    /** The siblings that are not tombstones. */
    public List<Sibling> liveSiblings() {
        return siblings.stream().filter(sibling -> !sibling.deleted()).toList();
    }

    public boolean isEmpty() {
        return siblings.isEmpty();
    }

    /** Whether the key is deleted: there are siblings and every one is a tombstone. */
    public boolean isTombstone() {
        return !siblings.isEmpty() && siblings.stream().allMatch(Sibling::deleted);
    }

    /**
     * The history a client has seen after reading this set: the join of every sibling's clock. A
     * write sent back with this context supersedes every sibling here.
     */
    public VersionVector context() {
        VersionVector joined = VersionVector.empty();
        for (Sibling sibling : siblings) {
            joined = joined.join(sibling.clock());
        }
        return joined;
    }

    /** The latest sibling timestamp, 0 for the empty set: a tombstone's age for purging. */
    byte[] encoded() {
        return encoded;
    }

    void rememberEncoding(byte[] bytes) {
        encoded = bytes;
    }

    public long newestTimestamp() {
        return siblings.stream().mapToLong(Sibling::timestampMillis).max().orElse(0);
    }

    /** {@link #coordinate(String, VersionVector, byte[], String, boolean, long, ConflictMode, ClockPruning)} with {@link ClockPruning#shared()}. */
    public SiblingSet coordinate(String actor, VersionVector clientContext, byte[] value, String contentType,
            boolean deleted, long nowMillis, ConflictMode mode) {
        return coordinate(actor, clientContext, value, contentType, deleted, nowMillis, mode, ClockPruning.shared());
    }

    /**
     * The coordinator's write: this replica's set after {@code actor} takes a write (a delete when
     * {@code deleted}; its value is then ignored) sent with {@code clientContext}.
     *
     * <p>The write is named (actor, n+1), n being the highest counter of {@code actor} in any
     * sibling clock here or in the client context, so the dot is new to both. Siblings the client
     * context covers are dropped; the others are kept beside the write.
     *
     * <p>The write's timestamp is {@code nowMillis}, raised if need be to one past the newest
     * sibling it supersedes here (a Lamport-style bump), so that under last-write-wins a write beats
     * what it replaced at its coordinator even when the coordinator's clock lags. Only stored
     * timestamps raise it, never the client's context, so a bad client cannot push a write into
     * the future. In {@link ConflictMode#LWW} only the newest sibling remains.
     *
     * @param pruning bounds the new write's clock, counting what it drops
     */
    public SiblingSet coordinate(String actor, VersionVector clientContext, byte[] value, String contentType,
            boolean deleted, long nowMillis, ConflictMode mode, ClockPruning pruning) {
        Dot dot = new Dot(actor, 1 + Math.max(clientContext.counter(actor), context().counter(actor)));
        List<Sibling> kept = new ArrayList<>(siblings.size() + 1);
        long timestamp = nowMillis;
        for (Sibling sibling : siblings) {
            if (sibling.isCoveredBy(clientContext)) {
                timestamp = Math.max(timestamp, sibling.timestampMillis() + 1);
            } else {
                kept.add(sibling);
            }
        }
        VersionVector context = pruning.prune(clientContext, dot);
        kept.add(new Sibling(dot, context, deleted ? NO_VALUE : value, contentType, deleted, timestamp));
        SiblingSet written = of(kept);
        return mode == ConflictMode.LWW ? written.newestOnly() : written;
    }

    /**
     * What two replicas' sets of one key agree on (replica sync, read merge, read repair,
     * anti-entropy): the union of their siblings, without those another sibling's context covers.
     * A join: commutative, associative and idempotent, so replicas converge whatever the order of
     * their exchanges. In {@link ConflictMode#LWW} it keeps the newest sibling of the union.
     */
    public SiblingSet merge(SiblingSet other, ConflictMode mode) {
        Map<Dot, Sibling> byDot = new TreeMap<>();
        for (List<Sibling> side : List.of(siblings, other.siblings)) {
            for (Sibling sibling : side) {
                // One dot names one write; two versions of it only arise from a reused counter.
                byDot.merge(sibling.dot(), sibling, (a, b) -> RECENCY.compare(a, b) >= 0 ? a : b);
            }
        }
        SiblingSet union = new SiblingSet(new ArrayList<>(byDot.values()));
        return mode == ConflictMode.LWW ? union.newestOnly() : union.withoutObsolete();
    }

    /**
     * A stable 64-bit hash of this version (the sorted dots and their tombstone flags) for Merkle
     * anti-entropy. Equal sets have equal digests on every JVM; different sets differ almost surely.
     * Values are not hashed: one dot names one write.
     */
    public long digest() {
        return VersionDigest.of(siblings);
    }

    private SiblingSet withoutObsolete() {
        List<Sibling> current = siblings.stream().filter(this::isCurrent).toList();
        return current.size() == siblings.size() ? this : new SiblingSet(current);
    }

    /** No other sibling's context has seen this one. */
    private boolean isCurrent(Sibling candidate) {
        return siblings.stream().noneMatch(other -> other != candidate && candidate.isCoveredBy(other.context()));
    }

    private SiblingSet newestOnly() {
        return siblings.size() <= 1 ? this : new SiblingSet(List.of(siblings.stream().max(RECENCY).orElseThrow()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SiblingSet other && siblings.equals(other.siblings);
    }

    @Override
    public int hashCode() {
        return siblings.hashCode();
    }

    @Override
    public String toString() {
        return siblings.toString();
    }
}
