package io.ringkv.ring;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

/**
 * The claimant's algorithm: derives the next ring from the current one on a membership change
 * (Dynamo strategy 3, where a newcomer steals partitions from the others).
 *
 * <p>Each change is two steps. {@link Quotas} fixes how many partitions every node should own —
 * exactly ⌊Q·w/W⌋ or ⌈Q·w/W⌉ — choosing among the balanced counts the one that moves the fewest
 * partitions (so a join never makes an existing node gain, nor a leave a staying node lose, when a
 * balanced ring without that exists). {@link Handover} then moves just enough partitions, from
 * nodes above target to nodes below, keeping each node's partitions spread out.
 *
 * <p>Deterministic: the result depends only on the inputs (members are ordered by id, ties broken
 * by partition index and id; no hash-map iteration order, no randomness), so every JVM computes
 * the same ring. Every change returns the next version.
 */
public final class Claim {

    private Claim() {
    }

    /** The first ring (version 1) of a new cluster: partitions striped evenly over the members. */
    public static Ring initial(int partitionCount, Collection<NodeSpec> members) {
        PartitionScheme.requireValidCount(partitionCount);
        Objects.requireNonNull(members, "members");
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a ring needs at least one member");
        }
        NodeSpec[] nodes = sortedById(members.toArray(NodeSpec[]::new));
        int[] targets = Quotas.targets(partitionCount, nodes, new int[nodes.length], -1);
        return new Ring(1, nodes, Striping.layout(nodes, targets));
    }

    /** The next ring with {@code newcomer} added: it steals about Q·w/W partitions, nobody else gains. */
    public static Ring join(Ring current, NodeSpec newcomer) {
        Objects.requireNonNull(newcomer, "newcomer");
        if (current.isMember(newcomer.id())) {
            throw new IllegalArgumentException("node " + newcomer.id() + " is already a member of ring version "
                    + current.version());
        }
        NodeSpec[] nodes = Arrays.copyOf(current.nodesCopy(), current.nodeCount() + 1);
        nodes[nodes.length - 1] = newcomer;
        return rebalance(current, sortedById(nodes), newcomer.id());
    }

    /** The next ring without {@code nodeId}: its partitions go to the others, nothing else moves. */
    public static Ring leave(Ring current, String nodeId) {
        int leaver = current.indexOf(nodeId);
        if (current.nodeCount() == 1) {
            throw new IllegalArgumentException("node " + nodeId + " is the last member: a ring cannot be empty");
        }
        NodeSpec[] nodes = current.nodesCopy();
        NodeSpec[] remaining = new NodeSpec[nodes.length - 1];
        System.arraycopy(nodes, 0, remaining, 0, leaver);
        System.arraycopy(nodes, leaver + 1, remaining, leaver, remaining.length - leaver);
        return rebalance(current, remaining, null);
    }

    /** The next ring with the node's weight changed, moving as few partitions as balance allows. */
    public static Ring reweight(Ring current, String nodeId, int weight) {
        int node = current.indexOf(nodeId);
        NodeSpec[] nodes = current.nodesCopy();
        nodes[node] = nodes[node].withWeight(weight);
        return rebalance(current, nodes, null);
    }

    /**
     * Maps the current owners onto the next member list (a leaver's partitions become unowned),
     * fixes the targets and hands partitions over.
     */
    private static Ring rebalance(Ring current, NodeSpec[] nodes, String favouredId) {
        int[] nextIndex = new int[current.nodeCount()];
        Arrays.fill(nextIndex, Handover.UNOWNED);
        int[] owned = new int[nodes.length];
        int favoured = -1;
        for (int j = 0; j < nodes.length; j++) {
            String id = nodes[j].id();
            if (current.isMember(id)) {
                int i = current.indexOf(id);
                nextIndex[i] = j;
                owned[j] = current.ownedCount(i);
            }
            if (id.equals(favouredId)) {
                favoured = j;
            }
        }
        int[] owners = current.ownersCopy();
        for (int partition = 0; partition < owners.length; partition++) {
            owners[partition] = nextIndex[owners[partition]];
        }
        Handover.run(owners, Quotas.targets(owners.length, nodes, owned, favoured));
        return new Ring(current.version() + 1, nodes, owners);
    }

    private static NodeSpec[] sortedById(NodeSpec[] nodes) {
        Arrays.sort(nodes, Comparator.comparing(NodeSpec::id));
        for (int i = 1; i < nodes.length; i++) {
            if (nodes[i - 1].id().equals(nodes[i].id())) {
                throw new IllegalArgumentException("node " + nodes[i].id() + " is listed twice");
            }
        }
        return nodes;
    }
}
