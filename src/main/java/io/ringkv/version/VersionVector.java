package io.ringkv.version;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable version vector: for each actor, the highest counter of its writes this history has
 * seen. A vector {@code [(Sx,2),(Sy,1)]} covers the dots (Sx,1), (Sx,2) and (Sy,1).
 *
 * <p>Each entry also remembers when its counter last advanced, so that a vector grown past its
 * limit can drop its oldest entries first, as the Dynamo paper prunes (§4.4, see
 * {@link ClockPruning}). Timestamps are bookkeeping, not causality: {@link #equals}, {@link #compare}
 * and {@link #covers} look at counters only.
 */
public final class VersionVector {

    /** One actor's counter and the wall-clock time (epoch millis) of its last increment. */
    public record Entry(String actor, long counter, long timestampMillis) {
        public Entry {
            Objects.requireNonNull(actor, "actor");
            if (actor.isEmpty() || counter < 1) {
                throw new IllegalArgumentException(
                        "an entry needs a non-empty actor and a counter >= 1, was (" + actor + "," + counter + ")");
            }
            if (timestampMillis < 0) {
                throw new IllegalArgumentException("entry timestamp must be >= 0, was " + timestampMillis);
            }
        }

        /** Of two entries for one actor, the more advanced: higher counter, then later timestamp. */
        static Entry later(Entry a, Entry b) {
            if (a.counter != b.counter) {
                return a.counter > b.counter ? a : b;
            }
            return a.timestampMillis >= b.timestampMillis ? a : b;
        }
    }

    private static final VersionVector EMPTY = new VersionVector(new Entry[0]);

    /**
     * A total order consistent with {@link #equals}: by size, then entry by entry (actor, counter).
     * It means nothing causally; it only makes tie-breaks deterministic.
     */
    static final Comparator<VersionVector> CANONICAL_ORDER = VersionVector::compareCanonically;

    /** Sorted by actor, one entry per actor. */
    private final Entry[] entries;

    private VersionVector(Entry[] sortedEntries) {
        this.entries = sortedEntries;
    }

    public static VersionVector empty() {
        return EMPTY;
    }

    /** A vector of the given entries in any order; two entries for one actor are a mistake. */
    public static VersionVector of(Collection<Entry> entries) {
        Entry[] sorted = entries.toArray(new Entry[0]);
        Arrays.sort(sorted, (a, b) -> a.actor().compareTo(b.actor()));
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i - 1].actor().equals(sorted[i].actor())) {
                throw new IllegalArgumentException("two entries for actor " + sorted[i].actor());
            }
        }
        return sorted.length == 0 ? EMPTY : new VersionVector(sorted);
    }

    public static VersionVector of(Entry... entries) {
        return of(Arrays.asList(entries));
    }

    /** The counter of {@code actor}, 0 when this history has seen none of its writes. */
    public long counter(String actor) {
        int i = indexOf(actor);
        return i >= 0 ? entries[i].counter() : 0;
    }

    /** Whether the write named by {@code dot} is part of this history. */
    public boolean covers(Dot dot) {
        return counter(dot.actor()) >= dot.counter();
    }

    /** The least vector covering both histories: per actor the higher counter. */
    public VersionVector join(VersionVector other) {
        if (other.entries.length == 0) {
            return this;
        }
        if (entries.length == 0) {
            return other;
        }
        List<Entry> joined = new ArrayList<>(entries.length + other.entries.length);
        int i = 0;
        int j = 0;
        while (i < entries.length && j < other.entries.length) {
            int order = entries[i].actor().compareTo(other.entries[j].actor());
            if (order < 0) {
                joined.add(entries[i++]);
            } else if (order > 0) {
                joined.add(other.entries[j++]);
            } else {
                joined.add(Entry.later(entries[i++], other.entries[j++]));
            }
        }
        joined.addAll(Arrays.asList(entries).subList(i, entries.length));
        joined.addAll(Arrays.asList(other.entries).subList(j, other.entries.length));
        return new VersionVector(joined.toArray(new Entry[0]));
    }

    /** This history plus the write {@code dot}, which happened at {@code timestampMillis}. */
    public VersionVector with(Dot dot, long timestampMillis) {
        return join(new VersionVector(new Entry[] {new Entry(dot.actor(), dot.counter(), timestampMillis)}));
    }

    /** Where this history stands relative to {@code other}; see {@link Occurred}. */
    public Occurred compare(VersionVector other) {
        boolean thisAhead = false;
        boolean otherAhead = false;
        int i = 0;
        int j = 0;
        while (i < entries.length && j < other.entries.length) {
            int order = entries[i].actor().compareTo(other.entries[j].actor());
            if (order < 0) {
                thisAhead = true; // an actor only this history has seen
                i++;
            } else if (order > 0) {
                otherAhead = true;
                j++;
            } else {
                long mine = entries[i++].counter();
                long theirs = other.entries[j++].counter();
                thisAhead |= mine > theirs;
                otherAhead |= theirs > mine;
            }
        }
        thisAhead |= i < entries.length;
        otherAhead |= j < other.entries.length;
        if (thisAhead) {
            return otherAhead ? Occurred.CONCURRENT : Occurred.AFTER;
        }
        return otherAhead ? Occurred.BEFORE : Occurred.EQUAL;
    }

    public int size() {
        return entries.length;
    }

    public boolean isEmpty() {
        return entries.length == 0;
    }

    /** The entries, sorted by actor. */
    public List<Entry> entries() {
        return List.of(entries);
    }

    /** The latest entry timestamp, 0 for the empty vector. */
    long newestTimestamp() {
        long newest = 0;
        for (Entry entry : entries) {
            newest = Math.max(newest, entry.timestampMillis());
        }
        return newest;
    }

    /** This vector without the entries of {@code actors}: forgetting history, see {@link ClockPruning}. */
    VersionVector without(Set<String> actors) {
        return new VersionVector(
                Arrays.stream(entries).filter(e -> !actors.contains(e.actor())).toArray(Entry[]::new));
    }

    private static int compareCanonically(VersionVector a, VersionVector b) {
        int bySize = Integer.compare(a.entries.length, b.entries.length);
        for (int i = 0; bySize == 0 && i < a.entries.length; i++) {
            bySize = a.entries[i].actor().compareTo(b.entries[i].actor());
            if (bySize == 0) {
                bySize = Long.compare(a.entries[i].counter(), b.entries[i].counter());
            }
        }
        return bySize;
    }

    private int indexOf(String actor) {
        int low = 0;
        int high = entries.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int order = entries[mid].actor().compareTo(actor);
            if (order < 0) {
                low = mid + 1;
            } else if (order > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Equal when every actor has the same counter; timestamps are ignored. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VersionVector other) || other.entries.length != entries.length) {
            return false;
        }
        for (int i = 0; i < entries.length; i++) {
            if (!entries[i].actor().equals(other.entries[i].actor())
                    || entries[i].counter() != other.entries[i].counter()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (Entry entry : entries) {
            hash = 31 * hash + Objects.hash(entry.actor(), entry.counter());
        }
        return hash;
    }

    /** The paper's notation, e.g. {@code [(Sx,2),(Sy,1)]}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (Entry entry : entries) {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append('(').append(entry.actor()).append(',').append(entry.counter()).append(')');
        }
        return text.append(']').toString();
    }
}
