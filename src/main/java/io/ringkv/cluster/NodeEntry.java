package io.ringkv.cluster;

import java.util.Comparator;

/**
 * Everything gossip spreads about one node. Two parts merge independently, so the entry is a small
 * join-semilattice and every node converges whatever the order of exchanges:
 *
 * <ul>
 *   <li>what the node writes about itself (addresses, the ring-state version it holds, handoff
 *       progress, load), versioned by (generation, heartbeat): the newer wins whole. The generation
 *       grows at every start, the heartbeat at every round and every change.
 *   <li>its membership, versioned by (incarnation, membership): the node itself asks to join or
 *       leave, the claimant makes it a member or lets it go, and the maximum wins. A new join starts
 *       a new incarnation, so a node that left may come back.
 * </ul>
 *
 * @param node identity and addresses
 * @param ringVersion the version of the ring state this node holds (0: none yet)
 * @param handoff what it has received of the current ownership change
 * @param keys keys in its store
 * @param bytes bytes of values in its store
 */
public record NodeEntry(
    NodeInfo node,
    long generation,
    long heartbeat,
    long incarnation,
    Membership membership,
    long ringVersion,
    HandoffProgress handoff,
    long keys,
    long bytes) {

  private static final Comparator<NodeEntry> BY_STATE_VERSION =
      Comparator.comparingLong(NodeEntry::generation).thenComparingLong(NodeEntry::heartbeat);
  private static final Comparator<NodeEntry> BY_MEMBERSHIP_VERSION =
      Comparator.comparingLong(NodeEntry::incarnation).thenComparing(NodeEntry::membership);

  public String id() {
    return node.id();
  }

  /** The version of this entry, as a digest carries it. */
  public EntryVersion version() {
    return new EntryVersion(id(), generation, heartbeat, incarnation, membership);
  }

  /** The join of two entries of the same node: the newer self-written part, the later membership. */
  public NodeEntry merge(NodeEntry other) {
    if (!other.id().equals(id())) {
      throw new IllegalArgumentException("cannot merge entries of " + id() + " and " + other.id());
    }
    NodeEntry state = BY_STATE_VERSION.compare(other, this) > 0 ? other : this;
    NodeEntry member = BY_MEMBERSHIP_VERSION.compare(other, this) > 0 ? other : this;
    return state.withMembership(member.incarnation, member.membership);
  }

  public NodeEntry withMembership(long newIncarnation, Membership newMembership) {
    return new NodeEntry(node, generation, heartbeat, newIncarnation, newMembership, ringVersion, handoff, keys, bytes);
  }

  /** The next heartbeat: what a node does to its own entry every round and at every change. */
  public NodeEntry beat() {
    return new NodeEntry(node, generation, heartbeat + 1, incarnation, membership, ringVersion, handoff, keys, bytes);
  }

  public NodeEntry withRingVersion(long version) {
    return new NodeEntry(node, generation, heartbeat, incarnation, membership, version, handoff, keys, bytes);
  }

  public NodeEntry withHandoff(HandoffProgress progress) {
    return new NodeEntry(node, generation, heartbeat, incarnation, membership, ringVersion, progress, keys, bytes);
  }

  public NodeEntry withLoad(long newKeys, long newBytes) {
    return new NodeEntry(node, generation, heartbeat, incarnation, membership, ringVersion, handoff, newKeys, newBytes);
  }

  public NodeEntry withGeneration(long newGeneration) {
    return new NodeEntry(node, newGeneration, 0, incarnation, membership, ringVersion, handoff, keys, bytes);
  }

  /**
   * The version of a node's entry.
   *
   * @param id the node
   * @param generation grows at each start of the node
   * @param heartbeat grows at each round and change within a generation
   * @param incarnation grows at each new join
   * @param membership the membership within that incarnation
   */
  public record EntryVersion(
      String id, long generation, long heartbeat, long incarnation, Membership membership) {

    /** Whether this version's self-written part is newer than the other's. */
    public boolean newerStateThan(EntryVersion other) {
      return generation != other.generation ? generation > other.generation : heartbeat > other.heartbeat;
    }

    /** Whether this version's membership is later than the other's. */
    public boolean laterMembershipThan(EntryVersion other) {
      return incarnation != other.incarnation
          ? incarnation > other.incarnation
          : membership.compareTo(other.membership) > 0;
    }

    /** Whether an entry of this version has anything the other lacks. */
    public boolean aheadOf(EntryVersion other) {
      return newerStateThan(other) || laterMembershipThan(other);
    }
  }
}
