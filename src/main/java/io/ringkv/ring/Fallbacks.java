package io.ringkv.ring;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.RandomAccess;

/**
 * The fallbacks of a preference list: every member that is not a primary, in order of first
 * appearance walking clockwise from the partition, then members owning no partition in id order.
 *
 * <p>Computed lazily and only as far as it is read: a coordinator usually needs no fallback, or the
 * first one or two, so a lookup does not walk the whole ring of a 1000-node cluster.
 */
final class Fallbacks extends AbstractList<String> implements RandomAccess {

    private final Ring ring;
    private final int partition;
    private final List<String> primaries;
    private final int size;
    /** Walk state, created on the first read: most preference lists never read their fallbacks. */
    private BitSet seen;
    private int[] found;
    private int foundCount;
    /** Steps walked: 0..Q-1 are partitions clockwise, Q..Q+S-1 then sweep members by index. */
    private int cursor;

    Fallbacks(Ring ring, int partition, List<String> primaries) {
        this.ring = ring;
        this.partition = partition;
        this.primaries = primaries;
        this.size = ring.nodeCount() - primaries.size();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public synchronized String get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("fallback " + index + " of " + size);
        }
        if (seen == null) {
            startWalk();
        }
        while (foundCount <= index) {
            advance();
        }
        return ring.node(found[index]).id();
    }

    private void startWalk() {
        seen = new BitSet(ring.nodeCount());
        for (String primary : primaries) {
            seen.set(ring.indexOf(primary));
        }
        found = new int[Math.min(size, 8)];
    }

    private void advance() {
        int q = ring.partitionCount();
        int node = cursor < q ? ring.ownerIndex((partition + cursor) % q) : cursor - q;
        cursor++;
        if (!seen.get(node)) {
            seen.set(node);
            if (foundCount == found.length) {
                found = Arrays.copyOf(found, Math.min(size, found.length * 2));
            }
            found[foundCount++] = node;
        }
    }
}
