package io.ringkv.ring;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The layout of a brand-new ring: each node's partitions spaced evenly around it.
 *
 * <p>Node i with target tᵢ ideally sits at fractions (j + ½)/tᵢ of the ring, j = 0..tᵢ−1; merging
 * those ideal positions of all nodes in order gives the owner sequence. With equal weights this is
 * plain round robin (n1 n2 n3 n1 n2 n3 …), so any S consecutive partitions have S distinct owners;
 * with weights every node still appears at regular intervals. Ties between nodes are broken by a
 * placement order that alternates racks, so neighbouring partitions also tend to sit in
 * different racks.
 */
final class Striping {

    private Striping() {
    }

    /** Owners (indices into {@code nodes}) of Q partitions where node i owns {@code targets[i]}. */
    static int[] layout(NodeSpec[] nodes, int[] targets) {
        int[] rank = placementRank(nodes);
        // An entry {node, j} stands for node's j-th ideal position (2j+1)/(2·t); compare exactly.
        Comparator<int[]> byIdealPosition = (a, b) ->
                Long.compare((2L * a[1] + 1) * targets[b[0]], (2L * b[1] + 1) * targets[a[0]]);
        PriorityQueue<int[]> next = new PriorityQueue<>(byIdealPosition.thenComparingInt(e -> rank[e[0]]));
        for (int node = 0; node < nodes.length; node++) {
            if (targets[node] > 0) {
                next.add(new int[] {node, 0});
            }
        }
        int[] owners = new int[Arrays.stream(targets).sum()];
        for (int partition = 0; partition < owners.length; partition++) {
            int[] entry = next.poll();
            owners[partition] = entry[0];
            if (++entry[1] < targets[entry[0]]) {
                next.add(entry);
            }
        }
        return owners;
    }

    /**
     * Nodes ordered round robin over racks: the first node (by id) of every rack, then the second
     * of every rack, and so on. A rackless node is a rack of its own.
     */
    private static int[] placementRank(NodeSpec[] nodes) {
        Map<String, Integer> seenInLocality = new HashMap<>();
        int[] round = new int[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            round[i] = seenInLocality.merge(nodes[i].locality(), 1, Integer::sum) - 1;
        }
        Integer[] order = new Integer[nodes.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> round[i])
                .thenComparing(i -> nodes[i].locality())
                .thenComparingInt(i -> i));
        int[] rank = new int[nodes.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }
}
