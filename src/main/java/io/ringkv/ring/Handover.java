package io.ringkv.ring;

import java.util.BitSet;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Moves partitions until every node owns its target count: the "steal" of Dynamo's strategy 3.
 *
 * <p>Only two kinds of partition ever move: those with no owner (a leaver's) and those of a node
 * above its target (a donor), and only to nodes below their target (takers). So a join moves
 * partitions only to the newcomer and a leave only away from the leaver, as long as the targets
 * ask for nothing else.
 *
 * <p>Which partitions a taker takes is a greedy farthest-point choice: each time, the available
 * partition farthest from every partition the taker already owns. That keeps a node's partitions
 * spread around the ring, so consecutive partitions have distinct owners and preference lists stay
 * short walks. The taker's own partitions cut the ring into gaps; the best partition of a gap is
 * the available one nearest its middle, and a max-heap of gaps keyed by an upper bound of that
 * distance (re-evaluated lazily as donors run out) finds the best gap in O(log) per pick.
 */
final class Handover {

    /** The owner of a partition whose node has left. */
    static final int UNOWNED = -1;

    private final int q;
    private final int[] owners;
    private final int[] excess;
    private final int[][] ownedAtStart;
    /** Partitions a taker may take now: unowned ones and those of nodes still above target. */
    private final BitSet available;

    private Handover(int[] owners, int[] targets) {
        this.q = owners.length;
        this.owners = owners;
        this.ownedAtStart = partitionsByOwner(owners, targets.length);
        this.excess = new int[targets.length];
        this.available = new BitSet(q);
        int needed = 0;
        int offered = 0;
        for (int node = 0; node < targets.length; node++) {
            int surplus = ownedAtStart[node].length - targets[node];
            excess[node] = Math.max(0, surplus);
            needed += Math.max(0, -surplus);
            offered += excess[node];
            if (surplus > 0) {
                for (int partition : ownedAtStart[node]) {
                    available.set(partition);
                }
            }
        }
        for (int partition = 0; partition < q; partition++) {
            if (owners[partition] == UNOWNED) {
                available.set(partition);
                offered++;
            }
        }
        if (needed != offered) {
            throw new IllegalStateException("targets need " + needed + " partitions but " + offered + " are free");
        }
    }

    /**
     * Reassigns partitions in place so that node i owns {@code targets[i]}.
     *
     * @param owners the owner index of each partition, {@link #UNOWNED} for a leaver's; updated
     * @param targets the target count per node; they must sum to Q
     */
    static void run(int[] owners, int[] targets) {
        Handover handover = new Handover(owners, targets);
        for (int taker = 0; taker < targets.length; taker++) {
            int deficit = targets[taker] - handover.ownedAtStart[taker].length;
            if (deficit > 0) {
                handover.fill(taker, deficit);
            }
        }
    }

    private static int[][] partitionsByOwner(int[] owners, int nodeCount) {
        int[] counts = new int[nodeCount];
        for (int owner : owners) {
            if (owner != UNOWNED) {
                counts[owner]++;
            }
        }
        int[][] byOwner = new int[nodeCount][];
        for (int node = 0; node < nodeCount; node++) {
            byOwner[node] = new int[counts[node]];
        }
        int[] filled = new int[nodeCount];
        for (int partition = 0; partition < owners.length; partition++) {
            int owner = owners[partition];
            if (owner != UNOWNED) {
                byOwner[owner][filled[owner]++] = partition;
            }
        }
        return byOwner;
    }

    /** A stretch of ring strictly between two partitions of the taker, {@code start} and start+length. */
    private record Gap(int start, int length, int bound) {
        static Gap after(int start, int length) {
            return new Gap(start, length, length / 2);
        }
    }

    private void fill(int taker, int deficit) {
        PriorityQueue<Gap> gaps = new PriorityQueue<>(
                Comparator.comparingInt(Gap::bound).reversed().thenComparingInt(Gap::start));
        int[] own = ownedAtStart[taker];
        if (own.length == 0) {
            // Nothing to keep away from yet: the first free partition, then the rest of the ring.
            int first = available.nextSetBit(0);
            take(taker, first);
            deficit--;
            gaps.add(Gap.after(first, q));
        } else {
            for (int k = 0; k < own.length; k++) {
                int length = Math.floorMod(own[(k + 1) % own.length] - own[k], q);
                gaps.add(Gap.after(own[k], length == 0 ? q : length));
            }
        }
        while (deficit > 0) {
            Gap gap = gaps.remove();
            int offset = bestOffset(gap);
            if (offset < 0) {
                continue; // nothing left to take in this gap
            }
            int distance = Math.min(offset, gap.length() - offset);
            if (distance < gap.bound()) {
                gaps.add(new Gap(gap.start(), gap.length(), distance)); // a tighter bound: try again later
                continue;
            }
            int partition = (gap.start() + offset) % q;
            take(taker, partition);
            deficit--;
            gaps.add(Gap.after(gap.start(), offset));
            gaps.add(Gap.after(partition, gap.length() - offset));
        }
    }

    /** The offset within a gap of the available partition nearest its middle, or -1 if none. */
    private int bestOffset(Gap gap) {
        int length = gap.length();
        if (length < 2) {
            return -1;
        }
        int middle = length / 2;
        int before = lastAvailable(gap.start(), middle, 1);
        int after = firstAvailable(gap.start(), middle, length - 1);
        if (after < 0) {
            return before;
        }
        if (before < 0) {
            return after;
        }
        // before <= middle <= after; on equal distance the earlier one wins.
        return Math.min(before, length - before) >= Math.min(after, length - after) ? before : after;
    }

    /** The smallest offset in [from, to] from start whose partition is available, or -1. */
    private int firstAvailable(int start, int from, int to) {
        int origin = (start + from) % q;
        int found = available.nextSetBit(origin);
        if (found < 0) {
            found = available.nextSetBit(0);
        }
        if (found < 0) {
            return -1;
        }
        int offset = from + Math.floorMod(found - origin, q);
        return offset <= to ? offset : -1;
    }

    /** The largest offset in [to, from] from start whose partition is available, or -1. */
    private int lastAvailable(int start, int from, int to) {
        int origin = (start + from) % q;
        int found = available.previousSetBit(origin);
        if (found < 0) {
            found = available.previousSetBit(q - 1);
        }
        if (found < 0) {
            return -1;
        }
        int offset = from - Math.floorMod(origin - found, q);
        return offset >= to ? offset : -1;
    }

    private void take(int taker, int partition) {
        int donor = owners[partition];
        owners[partition] = taker;
        available.clear(partition);
        if (donor != UNOWNED && --excess[donor] == 0) {
            for (int kept : ownedAtStart[donor]) {
                if (owners[kept] == donor) {
                    available.clear(kept);
                }
            }
        }
    }
}
