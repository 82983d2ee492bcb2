package io.ringkv.version;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * A realistic history of one key, for property tests: a few replicas coordinate writes and copy
 * their whole sets to each other, and clients write with contexts they read earlier — possibly
 * stale, possibly from a read that merged two replicas, or none at all (a blind write). Every set any
 * replica ever held is kept as a snapshot; those are the sets the laws are checked on.
 */
final class ReplicaHistory {

    sealed interface Step permits Write, Sync {
    }

    /**
     * A client read two snapshots, {@code read} and {@code alsoRead} steps old (a read that merged two
     * replicas' answers, often the latest state, sometimes long stale), and writes through
     * {@code coordinator}; {@code blind} ignores the read. The coordinator's clock is {@code skew} ms
     * off the history's clock, so timestamps do not follow causality.
     */
    record Write(int coordinator, int read, int alsoRead, boolean blind, boolean delete, int skew) implements Step {
    }

    /** {@code from} copies its set to {@code to}, which merges it (replication, read repair, anti-entropy). */
    record Sync(int from, int to) implements Step {
    }

    static Arbitrary<List<Step>> steps(int replicas) {
        Arbitrary<Integer> replica = Arbitraries.integers().between(0, replicas - 1);
        Arbitrary<Integer> staleness = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 3)),
                Tuple.of(1, Arbitraries.integers().between(0, 1_000)));
        Arbitrary<Step> write = Combinators.combine(replica, staleness, staleness,
                        Arbitraries.integers().between(0, 9).map(n -> n == 0),
                        Arbitraries.integers().between(0, 6).map(n -> n == 0),
                        Arbitraries.integers().between(-25, 25))
                .as(Write::new);
        Arbitrary<Step> sync = Combinators.combine(replica, replica).as(Sync::new);
        return Arbitraries.frequencyOf(Tuple.of(3, write), Tuple.of(2, sync)).list().ofMinSize(3).ofMaxSize(40);
    }

    final List<SiblingSet> snapshots = new ArrayList<>(List.of(SiblingSet.empty()));
    /** Every write, by the dot its coordinator should have given it: one past any it had seen of itself. */
    final List<Dot> writes = new ArrayList<>();
    /** For each write, the coordinator's set just after it. */
    final List<SiblingSet> written = new ArrayList<>();
    /** Every context a client sent. */
    final List<VersionVector> contexts = new ArrayList<>();

    private final List<String> actors;
    private final SiblingSet[] replicas;
    private final ConflictMode mode;
    private final ClockPruning pruning;
    private long now = 1_000;

    private ReplicaHistory(List<String> actors, ConflictMode mode, ClockPruning pruning) {
        this.actors = actors;
        this.replicas = new SiblingSet[actors.size()];
        this.mode = mode;
        this.pruning = pruning;
        Arrays.fill(replicas, SiblingSet.empty());
    }

    static ReplicaHistory replay(List<Step> steps, List<String> actors, ConflictMode mode, ClockPruning pruning) {
        ReplicaHistory history = new ReplicaHistory(actors, mode, pruning);
        steps.forEach(history::apply);
        return history;
    }

    static ReplicaHistory replay(List<Step> steps, List<String> actors, ConflictMode mode) {
        return replay(steps, actors, mode, new ClockPruning(ClockPruning.DEFAULT_MAX_ENTRIES));
    }

    SiblingSet snapshot(int index) {
        return snapshots.get(Math.floorMod(index, snapshots.size()));
    }

    /** The snapshot {@code stepsAgo} snapshots before the latest (the first one if there are fewer). */
    private SiblingSet readBack(int stepsAgo) {
        return snapshots.get(Math.max(0, snapshots.size() - 1 - stepsAgo));
    }

    /** What every replica agrees on once all have exchanged everything. */
    SiblingSet converged() {
        SiblingSet all = SiblingSet.empty();
        for (SiblingSet snapshot : snapshots) {
            all = all.merge(snapshot, mode);
        }
        return all;
    }

    List<SiblingSet> replicas() {
        return Collections.unmodifiableList(Arrays.asList(replicas));
    }

    private void apply(Step step) {
        now += 10;
        if (step instanceof Write write) {
            apply(write);
        } else if (step instanceof Sync sync) {
            record(sync.to(), replicas[sync.to()].merge(replicas[sync.from()], mode));
        }
    }

    private void apply(Write write) {
        VersionVector context = write.blind()
                ? VersionVector.empty()
                : readBack(write.read()).merge(readBack(write.alsoRead()), mode).context();
        contexts.add(context);
        String actor = actors.get(write.coordinator());
        SiblingSet before = replicas[write.coordinator()];
        writes.add(new Dot(actor, 1 + Math.max(context.counter(actor), before.context().counter(actor))));
        byte[] value = ("write " + writes.size()).getBytes(StandardCharsets.UTF_8);
        SiblingSet after = before.coordinate(actor, context, value, "text/plain", write.delete(),
                Math.max(0, now + write.skew()), mode, pruning);
        written.add(after);
        record(write.coordinator(), after);
    }

    private void record(int replica, SiblingSet set) {
        replicas[replica] = set;
        snapshots.add(set);
    }
}
