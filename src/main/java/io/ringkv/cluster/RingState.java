package io.ringkv.cluster;

import io.ringkv.ring.Ring;
import io.ringkv.ring.RingCodec;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ring the cluster agreed on and the ownership change in progress, as the claimant moves it
 * through three phases, one version each, every member adopting a version before the next:
 *
 * <ol>
 *   <li>{@link Phase#STABLE}: one ring; reads and writes use it.
 *   <li>{@link Phase#HANDOFF}: the next ring is known; reads still use the current one, writes go to
 *       the replicas of both (a quorum in each), and the nodes gaining a replica role pull the
 *       partition from the replica they replace.
 *   <li>{@link Phase#SETTLING}: every transfer is complete; reads use the next ring, writes still
 *       reach both, until every member reads the new way. Then the next ring becomes the stable
 *       one and the replicas that lost a role drop their copy.
 * </ol>
 *
 * <p>Writing to both replica sets through the change means that whichever ring a reader uses, R
 * of its replicas overlap the W that acknowledged a write (as Cassandra's pending ranges do).
 * Immutable.
 */
public final class RingState {

  /** Where an ownership change stands. */
  public enum Phase {
    STABLE,
    HANDOFF,
    SETTLING;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final long version;
  private final Phase phase;
  private final int replicas;
  private final Ring from;
  private final Ring to;
  private final long lineage;
  private final long fingerprint;
  private volatile List<PartitionMove> moves;

  private RingState(long version, Phase phase, int replicas, Ring from, Ring to, long lineage) {
    if (version < 1) {
      throw new IllegalArgumentException("a ring state version starts at 1, got " + version);
    }
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be at least 1, got " + replicas);
    }
    if (phase == Phase.STABLE && from != to && !from.equals(to)) {
      throw new IllegalArgumentException("a stable ring state has one ring");
    }
    this.version = version;
    this.phase = phase;
    this.replicas = replicas;
    this.from = from;
    this.to = phase == Phase.STABLE ? from : to;
    this.fingerprint = fingerprintOf(version, phase, replicas, from, this.to);
    this.lineage = lineage == 0 ? fingerprint : lineage;
  }

  /** The first ring state of a new cluster. */
  public static RingState initial(Ring ring, int replicas) {
    return new RingState(1, Phase.STABLE, replicas, ring, ring, 0);
  }

  /** Rebuilds a ring state received or persisted. */
  public static RingState of(long version, Phase phase, int replicas, Ring from, Ring to, long lineage) {
    return new RingState(version, phase, replicas, from, to, lineage);
  }

  /** Starts an ownership change from this stable state to {@code next}, planned for N = replicas. */
  public RingState handoff(Ring next, int plannedReplicas) {
    requirePhase(Phase.STABLE);
    return new RingState(version + 1, Phase.HANDOFF, plannedReplicas, from, next, lineage);
  }

  /** Every transfer is done: reads move to the next ring. */
  public RingState settle() {
    requirePhase(Phase.HANDOFF);
    return new RingState(version + 1, Phase.SETTLING, replicas, from, to, lineage);
  }

  /** Every member reads from the next ring: it becomes the only one. */
  public RingState stabilize() {
    requirePhase(Phase.SETTLING);
    return new RingState(version + 1, Phase.STABLE, replicas, to, to, lineage);
  }

  private void requirePhase(Phase expected) {
    if (phase != expected) {
      throw new IllegalStateException("ring state " + version + " is " + phase + ", not " + expected);
    }
  }

  public long version() {
    return version;
  }

  public Phase phase() {
    return phase;
  }

  public boolean isStable() {
    return phase == Phase.STABLE;
  }

  /** N for which transfers are planned and partitions dropped. */
  public int replicas() {
    return replicas;
  }

  /** The ring before the change (the only ring when stable). */
  public Ring from() {
    return from;
  }

  /** The ring after the change (the only ring when stable). */
  public Ring to() {
    return to;
  }

  /** The ring reads use: the current one until every transfer is done, then the next. */
  public Ring readRing() {
    return phase == Phase.HANDOFF ? from : to;
  }

  /** The rings whose replicas every write must reach (a quorum in each). */
  public List<Ring> writeRings() {
    return phase == Phase.STABLE ? List.of(to) : List.of(from, to);
  }

  /** Every node of either ring: those that must be reachable and current for the next step. */
  public Set<String> members() {
    Set<String> members = new TreeSet<>(from.members().keySet());
    members.addAll(to.members().keySet());
    return Collections.unmodifiableSet(members);
  }

  /** Whether the node replicates the partition in the target ring, for N = {@link #replicas()}. */
  public boolean replicatesInTarget(String node, int partition) {
    return to.preferenceList(partition, replicas).primaries().contains(node);
  }

  /**
   * The replica roles that change hands, partition by partition (empty when stable). Each node
   * that gains a role pulls from the node it replaces, so a key held by k replicas before is
   * held by at least k after; when nobody is replaced (fewer nodes than N before) it pulls from a
   * current replica.
   */
  public List<PartitionMove> moves() {
    List<PartitionMove> planned = moves;
    if (planned == null) {
      planned = phase == Phase.STABLE ? List.of() : plan();
      moves = planned;
    }
    return planned;
  }

  private List<PartitionMove> plan() {
    List<PartitionMove> planned = new ArrayList<>();
    for (int partition = 0; partition < from.partitionCount(); partition++) {
      List<String> before = from.preferenceList(partition, replicas).primaries();
      List<String> after = to.preferenceList(partition, replicas).primaries();
      List<String> lost = before.stream().filter(node -> !after.contains(node)).toList();
      List<String> gained = after.stream().filter(node -> !before.contains(node)).toList();
      for (int i = 0; i < gained.size(); i++) {
        String source = i < lost.size() ? lost.get(i) : before.get(i % before.size());
        planned.add(new PartitionMove(partition, source, gained.get(i)));
      }
    }
    return List.copyOf(planned);
  }

  /**
   * A hash of the whole state. Ring states are ordered by version, then by fingerprint: two states
   * of the same version should never differ (only the claimant makes them, only while every member
   * agrees), and if a bootstrap race ever makes two, every node still picks the same one.
   */
  public long fingerprint() {
    return fingerprint;
  }

  /**
   * Which cluster this ring belongs to: the fingerprint of its first state, inherited by every later
   * one. Nodes never adopt a ring of another lineage, so two clusters that happen to share a name
   * cannot overwrite each other's rings.
   */
  public long lineage() {
    return lineage;
  }

  /** Whether this state should replace {@code other} (null: no state yet). */
  public boolean supersedes(RingState other) {
    return other == null || newer(version, fingerprint, other.version, other.fingerprint);
  }

  /** The order of ring states: by version, then by fingerprint. */
  public static boolean newer(long version, long fingerprint, long otherVersion, long otherFingerprint) {
    return version != otherVersion ? version > otherVersion : fingerprint > otherFingerprint;
  }

  private static long fingerprintOf(long version, Phase phase, int replicas, Ring from, Ring to) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(ByteBuffer.allocate(13).putLong(version).put((byte) phase.ordinal()).putInt(replicas).array());
      md5.update(RingCodec.encode(from));
      md5.update(RingCodec.encode(to));
      return ByteBuffer.wrap(md5.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has MD5", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RingState state && version == state.version && fingerprint == state.fingerprint;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(fingerprint);
  }

  @Override
  public String toString() {
    return "RingState{version=" + version + ", " + phase.label() + ", members=" + members() + "}";
  }
}
