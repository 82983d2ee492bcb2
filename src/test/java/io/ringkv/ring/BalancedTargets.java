package io.ringkv.ring;

import java.util.Arrays;
import java.util.List;

/**
 * Test oracle: searches every balanced target assignment (each node ⌊Q·w/W⌋ or ⌈Q·w/W⌉, summing
 * to Q) by dynamic programming over "which fractional nodes get the extra", to find the least
 * possible cost of a change. Independent of {@link Quotas}' greedy argument, so it can prove it.
 */
final class BalancedTargets {

    /** The cost of giving one node a target count. */
    interface NodeCost {
        int of(NodeSpec node, int target);
    }

    private BalancedTargets() {
    }

    static int minimum(int q, List<NodeSpec> nodes, NodeCost cost) {
        long totalWeight = nodes.stream().mapToLong(NodeSpec::weight).sum();
        int extras = q;
        for (NodeSpec node : nodes) {
            extras -= (int) ((long) q * node.weight() / totalWeight);
        }
        int infinity = Integer.MAX_VALUE / 2;
        int[] best = new int[extras + 1]; // best[j]: least cost so far having handed out j extras
        Arrays.fill(best, infinity);
        best[0] = 0;
        for (NodeSpec node : nodes) {
            long share = (long) q * node.weight();
            int floor = (int) (share / totalWeight);
            boolean fractional = share % totalWeight != 0;
            int[] next = new int[extras + 1];
            Arrays.fill(next, infinity);
            for (int j = 0; j <= extras; j++) {
                if (best[j] >= infinity) {
                    continue;
                }
                next[j] = Math.min(next[j], best[j] + cost.of(node, floor));
                if (fractional && j < extras) {
                    next[j + 1] = Math.min(next[j + 1], best[j] + cost.of(node, floor + 1));
                }
            }
            best = next;
        }
        return best[extras];
    }
}
