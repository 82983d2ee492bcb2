package io.ringkv.ring;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.ring.ChangeHistory.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The laws of preference lists, on rings built by random membership changes. */
class PreferenceListProperties {

    @Provide
    Arbitrary<Scenario> rings() {
        return Scenarios.scenarios(true);
    }

    @Property(tries = 150)
    void primariesAreTheFirstDistinctNodesClockwise(@ForAll("rings") Scenario scenario,
                                                    @ForAll @IntRange(min = 1, max = 6) int n) {
        Ring ring = ChangeHistory.replay(scenario, 1).last();
        for (int partition : sampled(ring)) {
            PreferenceList list = ring.preferenceList(partition, n);
            Map<String, Integer> walk = walkOrder(ring, partition);

            assertThat(list.partition()).isEqualTo(partition);
            assertThat(list.primaries()).hasSize(Math.min(n, ring.nodeCount())).doesNotHaveDuplicates();
            assertThat(list.first()).isEqualTo(ring.owner(partition));
            assertThat(positions(list.primaries(), walk)).as("primaries in clockwise order").isSorted();
            assertThat(positions(list.fallbacks(), walk)).as("fallbacks in clockwise order").isSorted();
            assertNoNodeSkippedWithoutReason(ring, list, walk);
        }
    }

    @Property(tries = 150)
    void primariesSpanDistinctRacksWhenThereAreEnough(@ForAll("rings") Scenario scenario,
                                                      @ForAll @IntRange(min = 1, max = 6) int n) {
        Ring ring = ChangeHistory.replay(scenario, 1).last();
        Set<String> allRacks = localities(ring, ring.members().keySet());
        for (int partition : sampled(ring)) {
            List<String> primaries = ring.preferenceList(partition, n).primaries();
            Set<String> racks = localities(ring, primaries);
            if (allRacks.size() >= n) {
                assertThat(racks).as("racks of %s", primaries).hasSize(primaries.size());
            } else {
                assertThat(racks).as("racks of %s", primaries).isEqualTo(allRacks);
            }
        }
    }

    @Property(tries = 150)
    void primariesAndFallbacksHoldEveryMemberExactlyOnce(@ForAll("rings") Scenario scenario,
                                                         @ForAll @IntRange(min = 1, max = 6) int n) {
        Ring ring = ChangeHistory.replay(scenario, 1).last();
        for (int partition : sampled(ring)) {
            PreferenceList list = ring.preferenceList(partition, n);
            List<String> all = new ArrayList<>(list.primaries());
            all.addAll(list.fallbacks());
            assertThat(all).doesNotHaveDuplicates().hasSize(list.size());
            assertThat(new TreeSet<>(all)).isEqualTo(ring.members().keySet());
        }
    }

    /**
     * A node met before the last primary may be left out only because its rack was already taken
     * by an earlier primary; without racks, the primaries are exactly the first N nodes met.
     */
    private static void assertNoNodeSkippedWithoutReason(Ring ring, PreferenceList list, Map<String, Integer> walk) {
        List<String> primaries = list.primaries();
        int lastPrimary = walk.get(primaries.get(primaries.size() - 1));
        for (String fallback : list.fallbacks()) {
            int position = walk.get(fallback);
            if (position < lastPrimary) {
                Set<String> earlierRacks = new HashSet<>();
                primaries.stream().filter(p -> walk.get(p) < position)
                        .forEach(p -> earlierRacks.add(ring.member(p).locality()));
                assertThat(earlierRacks).as("%s was skipped for %s", fallback, primaries)
                        .contains(ring.member(fallback).locality());
            }
        }
    }

    /** Up to 64 partitions spread over the ring (all of a small one), keeping each try fast. */
    private static List<Integer> sampled(Ring ring) {
        int stride = Math.max(1, ring.partitionCount() / 64);
        List<Integer> partitions = new ArrayList<>();
        for (int partition = stride / 2; partition < ring.partitionCount(); partition += stride) {
            partitions.add(partition);
        }
        return partitions;
    }

    /** Each member's rank in order of first appearance clockwise; members owning nothing last, by id. */
    static Map<String, Integer> walkOrder(Ring ring, int partition) {
        Map<String, Integer> order = new HashMap<>();
        for (int step = 0; step < ring.partitionCount(); step++) {
            order.putIfAbsent(ring.owner((partition + step) % ring.partitionCount()), order.size());
        }
        for (String id : ring.members().keySet()) {
            order.putIfAbsent(id, order.size());
        }
        return order;
    }

    private static List<Integer> positions(List<String> ids, Map<String, Integer> walk) {
        return ids.stream().map(walk::get).toList();
    }

    private static Set<String> localities(Ring ring, Iterable<String> ids) {
        Set<String> racks = new HashSet<>();
        ids.forEach(id -> racks.add(ring.member(id).locality()));
        return racks;
    }
}
