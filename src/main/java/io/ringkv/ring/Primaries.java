package io.ringkv.ring;

import java.util.List;

/**
 * Finds the primaries of a partition: walk the ring clockwise from it and keep the first node of
 * each rack not yet chosen; if the ring has fewer racks than N, take every rack and fill up with the
 * next distinct nodes in walk order. With racks unset every node is a rack of its own, so this is the
 * paper's "first N distinct physical nodes". Members that own no partition (possible when S > Q)
 * come after the walk, in id order.
 */
final class Primaries {

    private final Ring ring;
    private final int want;
    private final int racksWanted;
    private final int[] picked;
    private final long[] pickedAt;
    private int pickedCount;
    private int racksPicked;

    private Primaries(Ring ring, int want) {
        this.ring = ring;
        this.want = want;
        this.racksWanted = Math.min(want, ring.localityCount());
        this.picked = new int[want];
        this.pickedAt = new long[want];
    }

    /** The first {@code want} (at most the member count) primaries of a partition, in walk order. */
    static List<String> walk(Ring ring, int partition, int want) {
        Primaries primaries = new Primaries(ring, want);
        int q = ring.partitionCount();
        for (int step = 0; step < q && !primaries.complete(); step++) {
            primaries.meet(ring.ownerIndex((partition + step) % q), step);
        }
        for (int node = 0; node < ring.nodeCount() && !primaries.complete(); node++) {
            primaries.meet(node, (long) q + node);
        }
        return primaries.inWalkOrder();
    }

    private boolean complete() {
        return pickedCount == want;
    }

    private void meet(int node, long position) {
        if (isPicked(node)) {
            return;
        }
        boolean newRack = !isRackPicked(ring.localityOf(node));
        if (newRack && racksPicked < racksWanted) {
            racksPicked++;
            pick(node, position);
        } else if (pickedCount - racksPicked < want - racksWanted) {
            pick(node, position); // fewer racks than N: a second node in a rack already chosen
        }
    }

    private void pick(int node, long position) {
        picked[pickedCount] = node;
        pickedAt[pickedCount] = position;
        pickedCount++;
    }

    private boolean isPicked(int node) {
        for (int i = 0; i < pickedCount; i++) {
            if (picked[i] == node) {
                return true;
            }
        }
        return false;
    }

    private boolean isRackPicked(int locality) {
        for (int i = 0; i < pickedCount; i++) {
            if (ring.localityOf(picked[i]) == locality) {
                return true;
            }
        }
        return false;
    }

    private List<String> inWalkOrder() {
        // Insertion sort by position: N is small.
        for (int i = 1; i < pickedCount; i++) {
            for (int j = i; j > 0 && pickedAt[j - 1] > pickedAt[j]; j--) {
                swap(j - 1, j);
            }
        }
        String[] ids = new String[pickedCount];
        for (int i = 0; i < pickedCount; i++) {
            ids[i] = ring.node(picked[i]).id();
        }
        return List.of(ids);
    }

    private void swap(int a, int b) {
        int node = picked[a];
        picked[a] = picked[b];
        picked[b] = node;
        long at = pickedAt[a];
        pickedAt[a] = pickedAt[b];
        pickedAt[b] = at;
    }
}
