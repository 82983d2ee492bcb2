package io.ringkv.version;

/**
 * How one version vector relates to another in causal order: {@code a.compare(b)} says whether
 * {@code a} happened before, after, concurrently with, or is the same history as {@code b}.
 * Unlike Voldemort's two-and-a-half-valued comparison, equality is its own answer.
 */
public enum Occurred {
    /** Every counter of this vector is at most the other's, and one is smaller. */
    BEFORE,
    /** Every counter of this vector is at least the other's, and one is larger. */
    AFTER,
    /** Each vector has a counter larger than the other's: neither history contains the other. */
    CONCURRENT,
    /** Same counters for every actor. */
    EQUAL;

    /** The answer seen from the other side: BEFORE and AFTER swap. */
    public Occurred reversed() {
        return switch (this) {
            case BEFORE -> AFTER;
            case AFTER -> BEFORE;
            default -> this;
        };
    }
}
