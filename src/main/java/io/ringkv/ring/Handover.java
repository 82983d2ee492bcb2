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
 * <p>Which partitions a taker takes is a greedy farthest-point choice that keeps every node's
 * partitions spread around the ring, so consecutive partitions have distinct owners and preference
 * lists stay short walks. The taker's own partitions cut the ring into gaps; a gap's candidates
 * are the available partitions nearest its middle (farthest from the taker's own). A candidate is
 * ranked by its distance from the taker's partitions up to {@link #SPACING}, then by how much
 * taking it spreads out the donor's partitions (stealing from a tight run of the donor heals it),
 * then by the full distance, then by partition index. A max-heap of gaps keyed by an upper bound of
 * their best rank, re-scored lazily as donors run out, finds the next pick in O(log) steps, so even a
 * newcomer stealing half of 65536 partitions takes milliseconds.
 */
final class Handover {

    /** The owner of a partition whose node has left. */
    static final int UNOWNED = -1;

    /**
     * Two partitions of a node closer than this fall into one preference-list window of this size
     * (a list of N = 5 would have to walk past the repeat). Beyond it, farther is only a tie-break.
     */
    private static final int SPACING = 5;
    /** How many candidates on each side of a gap's middle are scored. */
    private static final int LOOK_AROUND = 8;

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
    private record Gap(int start, int length, long bound) {
        static Gap after(int start, int length) {
            return new Gap(start, length, score(length / 2, SPACING - 1));
        }
    }

    /** A candidate partition and its score, as found in a gap. */
    private record Choice(int offset, long score) {
    }

    private static final Comparator<Gap> BEST_FIRST =
            Comparator.comparingLong(Gap::bound).reversed().thenComparingInt(Gap::start);

    private void fill(int taker, int deficit) {
        PriorityQueue<Gap> gaps = new PriorityQueue<>(BEST_FIRST);
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
            Choice choice = bestIn(gap);
            if (choice == null) {
                continue; // nothing left to take in this gap
            }
            Gap rescored = new Gap(gap.start(), gap.length(), choice.score());
            if (!gaps.isEmpty() && BEST_FIRST.compare(rescored, gaps.peek()) > 0) {
                gaps.add(rescored); // another gap may do better: look there first
                continue;
            }
            int partition = (gap.start() + choice.offset()) % q;
            take(taker, partition);
            deficit--;
            gaps.add(Gap.after(gap.start(), choice.offset()));
            gaps.add(Gap.after(partition, gap.length() - choice.offset()));
        }
    }

    /** The best available partition of a gap among those nearest its middle, or null if it has none. */
    private Choice bestIn(Gap gap) {
        int length = gap.length();
        if (length < 2) {
            return null;
        }
        Choice best = null;
        int middle = length / 2;
        int offset = middle + 1;
        for (int k = 0; k < LOOK_AROUND && (offset = lastAvailable(gap.start(), offset - 1, 1)) >= 0; k++) {
            best = better(best, choiceAt(gap, offset));
        }
        offset = middle;
        for (int k = 0; k < LOOK_AROUND && (offset = firstAvailable(gap.start(), offset + 1, length - 1)) >= 0; k++) {
            best = better(best, choiceAt(gap, offset));
        }
        return best;
    }

    private Choice choiceAt(Gap gap, int offset) {
        int distance = Math.min(offset, gap.length() - offset);
        return new Choice(offset, score(distance, healing((gap.start() + offset) % q)));
    }

    private static Choice better(Choice a, Choice b) {
        if (a == null || b.score() > a.score() || b.score() == a.score() && b.offset() < a.offset()) {
            return b;
        }
        return a;
    }

    /**
     * Ranks a candidate: first its distance from the taker's own partitions up to {@link #SPACING}
     * (enough for distinct owners in any window of that many partitions), then how much taking it
     * spreads out the donor's partitions, then the full distance.
     */
    private static long score(int distance, int healing) {
        return (long) Math.min(distance, SPACING) << 40 | (long) healing << 20 | distance;
    }

    /** How close the donor's nearest other partition is: taking a partition from a tight run helps most. */
    private int healing(int partition) {
        int donor = owners[partition];
        if (donor == UNOWNED) {
            return 0;
        }
        for (int d = 1; d < SPACING; d++) {
            if (owners[(partition + d) % q] == donor || owners[Math.floorMod(partition - d, q)] == donor) {
                return SPACING - d;
            }
        }
        return 0;
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
