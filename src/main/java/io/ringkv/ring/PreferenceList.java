package io.ringkv.ring;

import java.util.List;

/**
 * The nodes responsible for a partition, in the order a coordinator should try them (Dynamo §4.3).
 *
 * <p>{@code primaries} are the first N distinct nodes met walking the ring clockwise from the
 * partition (spread over distinct racks first); {@code fallbacks} are every other member in order of
 * first appearance, the stand-ins that take hinted writes when a primary is down (sloppy quorum,
 * §4.6). Keeping the two apart in the type makes sloppy quorum visible where it is used.
 *
 * @param partition the partition the list was computed for
 * @param primaries the N (or all, if fewer) home replicas, in clockwise order
 * @param fallbacks the remaining members, in clockwise order of first appearance
 */
public record PreferenceList(int partition, List<String> primaries, List<String> fallbacks) {

    /** The owner of the partition itself: the first primary. */
    public String first() {
        return primaries.get(0);
    }

    /** Primaries and fallbacks together: every member exactly once. */
    public int size() {
        return primaries.size() + fallbacks.size();
    }
}
