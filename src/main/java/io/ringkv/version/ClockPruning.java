package io.ringkv.version;

import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Keeps clocks small, as the Dynamo paper does (§4.4): when a new write's clock would exceed
 * {@link #maxEntries()} entries, the oldest entries (by the time of their last increment) are
 * dropped from its context. The write's own actor is never dropped. Every dropped entry is counted
 * here, for the metrics.
 *
 * <p><b>Consequence.</b> A pruned context has forgotten part of its history, so it may fail to
 * cover a sibling it did in fact supersede. That sibling then survives a later merge beside its
 * successor: a false conflict, i.e. an extra sibling the client resolves. Pruning never makes a
 * context cover more, and {@link SiblingSet#coordinate} drops obsolete siblings with the client's
 * full context <em>before</em> pruning, so no write is discarded because of the prune itself.
 *
 * <p><b>Known limit.</b> Counters are per key: an actor names its next write one past the highest
 * counter of its own that its set still mentions. If more than {@code maxEntries - 1} other actors
 * write a key after actor X and X's entry is pruned from every clock X's replica holds, X reissues a
 * dot it already used, and an old context that saw the first use covers the new write, which can
 * then be lost (Riak's kv679 is the same class of bug; {@code ClockPruningTest} shows one). It
 * takes more than ten distinct coordinators of one key, so a non-zero {@link #prunedEntries()} is
 * worth an alert. Actor ids that change when a node may have been forgotten, or dots whose
 * coverage also checks the entry timestamp, would close it.
 *
 * <p>Instances are thread-safe. The counters are {@link LongAdder}s: many event loops write, a
 * metrics scrape reads. A node owns one instance so that several nodes in one JVM (the
 * {@code local} command, in-JVM cluster tests) report their own counts; {@link #shared()} is a
 * process-wide instance for callers that do not pass one.
 */
public final class ClockPruning {

    /** The paper's threshold: "say 10". */
    public static final int DEFAULT_MAX_ENTRIES = 10;

    private static final ClockPruning SHARED = new ClockPruning(DEFAULT_MAX_ENTRIES);

    /** Oldest first; the actor breaks ties so that every replica prunes alike. */
    private static final Comparator<VersionVector.Entry> OLDEST_FIRST =
            Comparator.comparingLong(VersionVector.Entry::timestampMillis).thenComparing(VersionVector.Entry::actor);

    private final int maxEntries;
    private final LongAdder prunedEntries = new LongAdder();
    private final LongAdder prunedClocks = new LongAdder();

    public ClockPruning(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("a clock keeps at least its own dot, maxEntries was " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /** The process-wide instance with the default limit, used by the short form of {@code coordinate}. */
    public static ClockPruning shared() {
        return SHARED;
    }

    public int maxEntries() {
        return maxEntries;
    }

    /**
     * The context to store with the new write {@code dot}: {@code context} itself, or, when
     * {@code context} plus {@code dot} would exceed {@link #maxEntries()} entries, {@code context}
     * without its oldest entries other than {@code dot}'s actor.
     */
    public VersionVector prune(VersionVector context, Dot dot) {
        int clockSize = context.size() + (context.counter(dot.actor()) == 0 ? 1 : 0);
        int excess = clockSize - maxEntries;
        if (excess <= 0) {
            return context;
        }
        Set<String> dropped = context.entries().stream()
                .filter(entry -> !entry.actor().equals(dot.actor()))
                .sorted(OLDEST_FIRST)
                .limit(excess)
                .map(VersionVector.Entry::actor)
                .collect(Collectors.toSet());
        prunedEntries.add(dropped.size());
        prunedClocks.increment();
        return context.without(dropped);
    }

    /** Entries dropped so far (a monotonic counter, for a metric). */
    public long prunedEntries() {
        return prunedEntries.sum();
    }

    /** Writes whose clock had to be pruned so far. */
    public long prunedClocks() {
        return prunedClocks.sum();
    }
}
