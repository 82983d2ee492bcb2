package io.ringkv.ring;

import java.util.Objects;

/**
 * A physical node as the ring sees it: its id, the rack it sits in and its weight.
 *
 * <p>The weight scales the node's share of partitions: a node of weight 2 owns twice as many
 * partitions as a node of weight 1. A node without a rack ({@code null} or empty, normalized to
 * {@code ""}) is treated as a rack of its own when preference lists spread replicas over racks.
 *
 * @param id the node id (the {@code --id} string), not blank
 * @param rack the rack, {@code ""} when none
 * @param weight the relative capacity, at least 1
 */
public record NodeSpec(String id, String rack, int weight) {

    public NodeSpec {
        Objects.requireNonNull(id, "node id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("node id must not be blank");
        }
        rack = rack == null ? "" : rack;
        if (weight < 1) {
            throw new IllegalArgumentException("weight of node " + id + " must be at least 1, was " + weight);
        }
    }

    /** A node of weight 1 without a rack. */
    public static NodeSpec of(String id) {
        return new NodeSpec(id, "", 1);
    }

    public boolean hasRack() {
        return !rack.isEmpty();
    }

    /** This node with another weight. */
    public NodeSpec withWeight(int newWeight) {
        return new NodeSpec(id, rack, newWeight);
    }

    /**
     * The failure domain replicas should be spread over: the rack, or the node itself when it has
     * no rack (so a rackless node never shares a domain with another node).
     */
    String locality() {
        return hasRack() ? "rack:" + rack : "node:" + id;
    }
}
