package io.ringkv.cluster;

import io.ringkv.cluster.NodeEntry.EntryVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What this node knows of the cluster: an entry per node and the ring state. Merging is a join
 * (entries field by field, ring states by version), so any order of exchanges converges. Compares
 * digests to find what to send and what to ask for. Not thread-safe: its owner serializes access.
 */
final class GossipTable {

  private final String selfId;
  private final Map<String, NodeEntry> entries = new TreeMap<>();
  private RingState ring;

  GossipTable(NodeEntry self, RingState ring) {
    this.selfId = self.id();
    this.entries.put(self.id(), self);
    this.ring = ring;
  }

  NodeEntry self() {
    return entries.get(selfId);
  }

  /** Replaces this node's own entry (only this node writes its self-written part). */
  void updateSelf(NodeEntry self) {
    entries.put(selfId, self);
  }

  Optional<NodeEntry> entry(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  Collection<NodeEntry> entries() {
    return List.copyOf(entries.values());
  }

  RingState ring() {
    return ring;
  }

  /** What merging one entry changed. */
  enum Outcome {
    /** Nothing new. */
    UNCHANGED,
    /** A node never seen before. */
    NEW_NODE,
    /** A newer self-written part: a heartbeat arrived. */
    HEARTBEAT,
    /** The node started again (a newer generation). */
    RESTARTED,
    /** Only the membership moved on. */
    MEMBERSHIP
  }

  /**
   * Merges an entry from a peer. This node's own self-written part is never taken from others: at
   * most a membership set by the claimant.
   */
  Outcome merge(NodeEntry incoming) {
    NodeEntry current = entries.get(incoming.id());
    if (current == null) {
      entries.put(incoming.id(), incoming);
      return Outcome.NEW_NODE;
    }
    if (incoming.id().equals(selfId)) {
      NodeEntry later = later(current, incoming);
      NodeEntry self = current.withMembership(later.incarnation(), later.membership());
      entries.put(selfId, self);
      return self.equals(current) ? Outcome.UNCHANGED : Outcome.MEMBERSHIP;
    }
    NodeEntry merged = current.merge(incoming);
    entries.put(incoming.id(), merged);
    if (merged.generation() > current.generation()) {
      return Outcome.RESTARTED;
    }
    if (merged.heartbeat() > current.heartbeat()) {
      return Outcome.HEARTBEAT;
    }
    return merged.equals(current) ? Outcome.UNCHANGED : Outcome.MEMBERSHIP;
  }

  private static NodeEntry later(NodeEntry a, NodeEntry b) {
    return b.version().laterMembershipThan(a.version()) ? b : a;
  }

  /** Adopts a ring state if it supersedes ours; true if it did. */
  boolean adopt(RingState incoming) {
    if (incoming == null || !incoming.supersedes(ring)) {
      return false;
    }
    ring = incoming;
    return true;
  }

  /** Forgets the ring state: this node is about to join another cluster. */
  void forgetRing() {
    ring = null;
  }

  /** Sets a node's membership (the claimant's decisions); merged as a maximum like any other. */
  void setMembership(String id, long incarnation, Membership membership) {
    NodeEntry current = entries.get(id);
    if (current != null) {
      NodeEntry decided = current.withMembership(incarnation, membership);
      entries.put(id, current.merge(decided));
    }
  }

  /** The digest this node sends: the version of every entry. */
  List<EntryVersion> digest() {
    return entries.values().stream().map(NodeEntry::version).toList();
  }

  /**
   * What a peer's digest says to exchange.
   *
   * @param newerHere entries this node should send (the peer lacks them or has older ones)
   * @param wanted ids whose entries this node should ask for
   */
  record Comparison(List<NodeEntry> newerHere, List<String> wanted) {}

  Comparison compare(List<EntryVersion> theirs) {
    Map<String, EntryVersion> theirById = new TreeMap<>();
    theirs.forEach(version -> theirById.put(version.id(), version));
    List<NodeEntry> newerHere = new ArrayList<>();
    List<String> wanted = new ArrayList<>();
    for (NodeEntry mine : entries.values()) {
      EntryVersion their = theirById.get(mine.id());
      if (their == null || mine.version().aheadOf(their)) {
        newerHere.add(mine);
      }
    }
    for (EntryVersion their : theirById.values()) {
      NodeEntry mine = entries.get(their.id());
      if (mine == null || their.aheadOf(mine.version())) {
        wanted.add(their.id());
      }
    }
    return new Comparison(newerHere, wanted);
  }
}
