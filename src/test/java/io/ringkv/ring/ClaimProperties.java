package io.ringkv.ring;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.ring.ChangeHistory.Kind;
import io.ringkv.ring.ChangeHistory.Scenario;
import io.ringkv.ring.ChangeHistory.Step;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The laws of the claim over random sequences of joins, leaves and reweights of 1..64 nodes:
 * exact balance, minimal and well-directed movement, determinism.
 */
class ClaimProperties {

    @Provide
    Arbitrary<Scenario> equalWeights() {
        return Scenarios.scenarios(false);
    }

    @Provide
    Arbitrary<Scenario> weights() {
        return Scenarios.scenarios(true);
    }

    @Property(tries = 150)
    void everyRingIsBalancedWithinOne(@ForAll("equalWeights") Scenario scenario) {
        ChangeHistory.replay(scenario, 1).rings().forEach(ClaimProperties::assertBalanced);
    }

    @Property(tries = 150)
    void everyWeightedRingIsBalancedWithinOne(@ForAll("weights") Scenario scenario) {
        ChangeHistory.replay(scenario, 1).rings().forEach(ClaimProperties::assertBalanced);
    }

    @Property(tries = 150)
    void aJoinMovesPartitionsOnlyToTheNewcomer(@ForAll("equalWeights") Scenario scenario) {
        joinsOf(scenario).forEach(ClaimProperties::assertJoinMovesOnlyToNewcomer);
    }

    @Property(tries = 150)
    void aWeightedJoinMakesNoExistingNodeGainUnlessEveryBalancedRingWould(@ForAll("weights") Scenario scenario) {
        joinsOf(scenario).forEach(ClaimProperties::assertJoinMovesOnlyToNewcomer);
    }

    @Property(tries = 150)
    void aLeaveMovesOnlyTheLeaversPartitions(@ForAll("weights") Scenario scenario) {
        for (Step step : ChangeHistory.replay(scenario, 1).steps()) {
            if (step.kind() == Kind.LEAVE) {
                assertLeaveMovesOnlyLeaversPartitions(step);
            }
        }
    }

    @Property(tries = 150)
    void everyChangeMovesTheFewestPartitionsBalanceAllows(@ForAll("weights") Scenario scenario) {
        for (Step step : ChangeHistory.replay(scenario, 1).steps()) {
            Ring before = step.before();
            int fewest = BalancedTargets.minimum(before.partitionCount(), members(step.after()),
                    (node, target) -> Math.max(0, target - before.ownedCount(node.id())));
            assertThat(moved(before, step.after()))
                    .as("partitions moved by %s of %s", step.kind(), step.subject())
                    .isEqualTo(fewest);
        }
    }

    @Property(tries = 100)
    void theSameChangesGiveIdenticalRings(@ForAll("weights") Scenario scenario) {
        List<Ring> first = ChangeHistory.replay(scenario, 1).rings();
        List<Ring> second = ChangeHistory.replay(scenario, 2).rings();
        assertThat(second).isEqualTo(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).hashCode()).isEqualTo(first.get(i).hashCode());
            assertThat(RingCodec.encode(second.get(i))).isEqualTo(RingCodec.encode(first.get(i)));
        }
    }

    @Property(tries = 150)
    void everyChangeReturnsTheNextVersion(@ForAll("weights") Scenario scenario) {
        ChangeHistory history = ChangeHistory.replay(scenario, 1);
        assertThat(history.initial().version()).isEqualTo(1);
        history.steps().forEach(step -> assertThat(step.after().version()).isEqualTo(step.before().version() + 1));
    }

    static void assertBalanced(Ring ring) {
        long totalWeight = ring.members().values().stream().mapToLong(NodeSpec::weight).sum();
        int total = 0;
        for (NodeSpec node : ring.members().values()) {
            long share = (long) ring.partitionCount() * node.weight();
            long floor = share / totalWeight;
            long ceil = floor + (share % totalWeight == 0 ? 0 : 1);
            assertThat((long) ring.ownedCount(node.id()))
                    .as("%s of weight %d (of %d) in %s", node.id(), node.weight(), totalWeight, ring)
                    .isBetween(floor, ceil);
            total += ring.ownedCount(node.id());
        }
        assertThat(total).isEqualTo(ring.partitionCount());
    }

    private static void assertJoinMovesOnlyToNewcomer(Step join) {
        Ring before = join.before();
        Ring after = join.after();
        String newcomer = join.subject().id();
        int existingGainers = 0;
        for (String id : before.members().keySet()) {
            if (after.ownedCount(id) > before.ownedCount(id)) {
                existingGainers++;
            }
        }
        // The least number of existing nodes that must gain in any balanced ring (almost always 0).
        int unavoidable = BalancedTargets.minimum(before.partitionCount(), members(after),
                (node, target) -> !node.id().equals(newcomer) && target > before.ownedCount(node.id()) ? 1 : 0);
        assertThat(existingGainers).as("existing nodes that gained on joining %s", newcomer).isEqualTo(unavoidable);
        if (unavoidable == 0) {
            for (int p = 0; p < before.partitionCount(); p++) {
                if (!before.owner(p).equals(after.owner(p))) {
                    assertThat(after.owner(p)).as("new owner of moved partition %d", p).isEqualTo(newcomer);
                }
            }
            assertThat(moved(before, after)).isEqualTo(after.ownedCount(newcomer));
        }
    }

    private static void assertLeaveMovesOnlyLeaversPartitions(Step leave) {
        Ring before = leave.before();
        Ring after = leave.after();
        String leaver = leave.subject().id();
        assertThat(after.isMember(leaver)).isFalse();
        int unavoidable = BalancedTargets.minimum(before.partitionCount(), members(after),
                (node, target) -> target < before.ownedCount(node.id()) ? 1 : 0);
        int losers = 0;
        for (String id : after.members().keySet()) {
            if (after.ownedCount(id) < before.ownedCount(id)) {
                losers++;
            }
        }
        assertThat(losers).as("staying nodes that lost on %s leaving", leaver).isEqualTo(unavoidable);
        if (unavoidable == 0) {
            for (int p = 0; p < before.partitionCount(); p++) {
                if (!before.owner(p).equals(leaver)) {
                    assertThat(after.owner(p)).as("owner of partition %d", p).isEqualTo(before.owner(p));
                }
            }
        }
    }

    private static List<Step> joinsOf(Scenario scenario) {
        List<Step> joins = new ArrayList<>();
        for (Step step : ChangeHistory.replay(scenario, 1).steps()) {
            if (step.kind() == Kind.JOIN) {
                joins.add(step);
            }
        }
        return joins;
    }

    static int moved(Ring before, Ring after) {
        int moved = 0;
        for (int p = 0; p < before.partitionCount(); p++) {
            if (!before.owner(p).equals(after.owner(p))) {
                moved++;
            }
        }
        return moved;
    }

    private static List<NodeSpec> members(Ring ring) {
        return List.copyOf(ring.members().values());
    }
}
