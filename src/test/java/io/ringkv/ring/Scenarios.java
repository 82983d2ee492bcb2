package io.ringkv.ring;

import io.ringkv.ring.ChangeHistory.Change;
import io.ringkv.ring.ChangeHistory.Kind;
import io.ringkv.ring.ChangeHistory.Scenario;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** jqwik generators of membership-change scenarios: 1..64 nodes, weights 1..4, optional racks. */
final class Scenarios {

    private Scenarios() {
    }

    static Arbitrary<Scenario> scenarios(boolean weighted) {
        return scenarios(Arbitraries.of(1, 2, 4, 16, 64, 256, 1024), weighted);
    }

    static Arbitrary<Scenario> scenarios(Arbitrary<Integer> partitionCounts, boolean weighted) {
        return Combinators.combine(
                        partitionCounts,
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(1, 64),
                        changes().list().ofMaxSize(24))
                .as((q, racks, size, changes) -> new Scenario(q, weighted, racks, size, changes));
    }

    private static Arbitrary<Change> changes() {
        return Combinators.combine(
                        Arbitraries.frequency(Tuple.of(2, Kind.JOIN), Tuple.of(2, Kind.LEAVE), Tuple.of(1, Kind.REWEIGHT)),
                        Arbitraries.integers().between(0, 1000),
                        Arbitraries.integers().between(1, 4),
                        Arbitraries.integers().between(0, 4))
                .as(Change::new);
    }
}
