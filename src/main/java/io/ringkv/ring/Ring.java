package io.ringkv.ring;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One version of the cluster's partition table: which node owns each of the Q partitions.
 *
 * <p>Immutable and safe to share between threads. A membership change never edits a ring; {@link
 * Claim} derives the next version from this one, and gossip spreads it (every node adopts the highest
 * version). Members are kept sorted by id and the owners are stored as indices into that order, so
 * equal rings have identical internal arrays and identical {@link RingCodec encodings}.
 *
 * <p>Preference lists are cached per (N, partition) on first use: one short list per partition and
 * replication factor, never Q × S.
 */
public final class Ring {

    private final long version;
    private final PartitionScheme scheme;
    private final NodeSpec[] nodes;
    private final Map<String, Integer> indexById;
    private final Map<String, NodeSpec> members;
    private final int[] owners;
    /** Partitions grouped by owner: node i owns {@code partitionsByNode[ownedFrom[i] .. ownedFrom[i+1])}. */
    private final int[] ownedFrom;
    private final int[] partitionsByNode;
    private final int[] localityOfNode;
    private final int localityCount;
    private final Map<Integer, AtomicReferenceArray<List<String>>> primariesByN = new ConcurrentHashMap<>();

    /**
     * @param nodes the members, sorted by id, without duplicates
     * @param owners the owner of each partition as an index into {@code nodes}; taken over, not copied
     */
    Ring(long version, NodeSpec[] nodes, int[] owners) {
        this.version = version;
        this.scheme = new PartitionScheme(owners.length);
        this.nodes = nodes.clone();
        this.owners = owners;
        this.indexById = indexById(this.nodes);
        this.members = sortedMembers(this.nodes);
        this.ownedFrom = new int[nodes.length + 1];
        this.partitionsByNode = new int[owners.length];
        groupPartitionsByOwner();
        this.localityOfNode = new int[nodes.length];
        this.localityCount = numberLocalities();
    }

    private static Map<String, Integer> indexById(NodeSpec[] nodes) {
        if (nodes.length == 0) {
            throw new IllegalArgumentException("a ring needs at least one member");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < nodes.length; i++) {
            if (i > 0 && nodes[i - 1].id().compareTo(nodes[i].id()) >= 0) {
                throw new IllegalArgumentException("members must be sorted by id without duplicates: "
                        + nodes[i - 1].id() + " then " + nodes[i].id());
            }
            index.put(nodes[i].id(), i);
        }
        return index;
    }

    private static Map<String, NodeSpec> sortedMembers(NodeSpec[] nodes) {
        TreeMap<String, NodeSpec> sorted = new TreeMap<>();
        for (NodeSpec node : nodes) {
            sorted.put(node.id(), node);
        }
        return Collections.unmodifiableSortedMap(sorted);
    }

    private void groupPartitionsByOwner() {
        for (int partition = 0; partition < owners.length; partition++) {
            int owner = owners[partition];
            if (owner < 0 || owner >= nodes.length) {
                throw new IllegalArgumentException("partition " + partition + " has no valid owner (index "
                        + owner + " of " + nodes.length + " members)");
            }
            ownedFrom[owner + 1]++;
        }
        for (int i = 0; i < nodes.length; i++) {
            ownedFrom[i + 1] += ownedFrom[i];
        }
        int[] next = Arrays.copyOf(ownedFrom, nodes.length);
        for (int partition = 0; partition < owners.length; partition++) {
            partitionsByNode[next[owners[partition]]++] = partition;
        }
    }

    private int numberLocalities() {
        Map<String, Integer> numbers = new HashMap<>();
        for (int i = 0; i < nodes.length; i++) {
            localityOfNode[i] = numbers.computeIfAbsent(nodes[i].locality(), any -> numbers.size());
        }
        return numbers.size();
    }

    public long version() {
        return version;
    }

    public int partitionCount() {
        return owners.length;
    }

    /** The partition scheme (Q) this ring divides the key space by. */
    public PartitionScheme scheme() {
        return scheme;
    }

    /** The id of the node that owns a partition. */
    public String owner(int partition) {
        return nodes[owners[checkPartition(partition)]].id();
    }

    /** Every member by id, in id order. */
    public Map<String, NodeSpec> members() {
        return members;
    }

    public boolean isMember(String id) {
        return indexById.containsKey(id);
    }

    /** The member with this id; an IllegalArgumentException if there is none. */
    public NodeSpec member(String id) {
        return nodes[indexOf(id)];
    }

    /** The partitions a node owns, ascending; empty for a node that is not a member. */
    public List<Integer> partitionsOwnedBy(String id) {
        Integer node = indexById.get(id);
        if (node == null) {
            return List.of();
        }
        Integer[] owned = new Integer[ownedCount(node)];
        for (int i = 0; i < owned.length; i++) {
            owned[i] = partitionsByNode[ownedFrom[node] + i];
        }
        return List.of(owned);
    }

    /** How many partitions a node owns; 0 for a node that is not a member. */
    public int ownedCount(String id) {
        Integer node = indexById.get(id);
        return node == null ? 0 : ownedCount(node);
    }

    /**
     * The preference list of a partition for N replicas: the first N distinct nodes clockwise from it
     * (distinct racks first), then every other member as a fallback. O(N) after the first call for
     * the same (partition, N).
     */
    public PreferenceList preferenceList(int partition, int n) {
        checkPartition(partition);
        if (n < 1) {
            throw new IllegalArgumentException("a preference list needs N >= 1, was " + n);
        }
        List<String> primaries = cachedPrimaries(partition, Math.min(n, nodes.length));
        return new PreferenceList(partition, primaries, new Fallbacks(this, partition, primaries));
    }

    /** The preference list of the partition that holds a key. */
    public PreferenceList preferenceList(String bucket, byte[] key, int n) {
        return preferenceList(scheme.partitionOf(bucket, key), n);
    }

    private List<String> cachedPrimaries(int partition, int want) {
        AtomicReferenceArray<List<String>> table =
                primariesByN.computeIfAbsent(want, any -> new AtomicReferenceArray<>(owners.length));
        List<String> primaries = table.get(partition);
        if (primaries == null) {
            // Racing threads compute the same list; whichever store wins is equally right.
            primaries = Primaries.walk(this, partition, want);
            table.set(partition, primaries);
        }
        return primaries;
    }

    // Package-private views for the walk, the claim and the codec.

    int nodeCount() {
        return nodes.length;
    }

    NodeSpec node(int index) {
        return nodes[index];
    }

    int ownerIndex(int partition) {
        return owners[partition];
    }

    int ownedCount(int node) {
        return ownedFrom[node + 1] - ownedFrom[node];
    }

    int localityOf(int node) {
        return localityOfNode[node];
    }

    int localityCount() {
        return localityCount;
    }

    int indexOf(String id) {
        Integer node = indexById.get(Objects.requireNonNull(id, "node id"));
        if (node == null) {
            throw new IllegalArgumentException("node " + id + " is not a member of ring version " + version);
        }
        return node;
    }

    NodeSpec[] nodesCopy() {
        return nodes.clone();
    }

    int[] ownersCopy() {
        return owners.clone();
    }

    private int checkPartition(int partition) {
        if (partition < 0 || partition >= owners.length) {
            throw new IllegalArgumentException("partition " + partition + " is outside 0.." + (owners.length - 1));
        }
        return partition;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ring ring
                && version == ring.version
                && Arrays.equals(nodes, ring.nodes)
                && Arrays.equals(owners, ring.owners);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(version) + Arrays.hashCode(nodes)) + Arrays.hashCode(owners);
    }

    @Override
    public String toString() {
        return "Ring{version=" + version + ", partitions=" + owners.length + ", members=" + members.keySet() + "}";
    }
}
