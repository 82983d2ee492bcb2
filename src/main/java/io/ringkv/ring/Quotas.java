package io.ringkv.ring;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How many partitions each member should own after a change: the target counts of a claim.
 *
 * <p>Balance is a hard rule: node i owns ⌊Q·wᵢ/W⌋ or ⌈Q·wᵢ/W⌉. Every node starts at the floor;
 * the R = Q − Σ⌊·⌋ partitions left over go, one each, to distinct nodes whose share is fractional
 * (there are always at least R of them, since the fractions sum to R). The choice of those R nodes is
 * where naive largest-remainder rounding goes wrong: with weights it can make an existing node
 * <em>gain</em> a partition on a join. Instead the extras go first to nodes that currently own more
 * than their floor — for them the extra means keeping a partition rather than receiving one, so
 * it costs no move. Only when those run out does an extra cost a move, and then it goes first to the
 * favoured node (the newcomer of a join). Within each kind, larger remainders first (plain
 * largest-remainder rounding, which is what a new ring gets), then lower id.
 *
 * <p>Why this minimizes moves: with tᵢ = ⌊qᵢ⌋ + xᵢ, the partitions that must change owner are
 * Σ max(0, tᵢ − cᵢ). A node with cᵢ > ⌊qᵢ⌋ gains nothing whether xᵢ is 0 or 1; a node with
 * cᵢ ≤ ⌊qᵢ⌋ gains exactly one more when xᵢ = 1. So every extra placed on the first kind is free and
 * every other extra costs exactly one, whoever gets it: filling the free ones first is optimal. On a
 * join no existing node gains unless R exceeds the free nodes plus the newcomer — and then every
 * balanced assignment makes some existing node gain, because the extras must land on distinct nodes.
 */
final class Quotas {

    private Quotas() {
    }

    /**
     * @param partitionCount Q
     * @param nodes the members after the change
     * @param current how many partitions each of them owns now (0 for a newcomer)
     * @param favoured the node that should take a costly extra first (the newcomer), or -1
     * @return the target count of each member
     */
    static int[] targets(int partitionCount, NodeSpec[] nodes, int[] current, int favoured) {
        long totalWeight = Arrays.stream(nodes).mapToLong(NodeSpec::weight).sum();
        int[] targets = new int[nodes.length];
        long[] remainders = new long[nodes.length];
        int extras = partitionCount;
        for (int i = 0; i < nodes.length; i++) {
            long share = (long) partitionCount * nodes[i].weight();
            targets[i] = (int) (share / totalWeight);
            remainders[i] = share % totalWeight;
            extras -= targets[i];
        }
        Integer[] order = fractionalNodes(remainders);
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> extraCost(i, targets, current, favoured))
                .thenComparing(i -> remainders[i], Comparator.reverseOrder())
                .thenComparingInt(i -> i));
        for (int k = 0; k < extras; k++) {
            targets[order[k]]++;
        }
        return targets;
    }

    private static Integer[] fractionalNodes(long[] remainders) {
        return IntStream.range(0, remainders.length)
                .filter(i -> remainders[i] > 0)
                .boxed()
                .toArray(Integer[]::new);
    }

    /** 0: the node keeps a partition it owns (free). 1: the favoured newcomer. 2: any other node. */
    private static int extraCost(int node, int[] floors, int[] current, int favoured) {
        if (current[node] > floors[node]) {
            return 0;
        }
        return node == favoured ? 1 : 2;
    }
}
