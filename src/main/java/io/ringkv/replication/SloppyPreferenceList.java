package io.ringkv.replication;

import io.ringkv.ring.PreferenceList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The first N healthy nodes of a key's preference list (Dynamo §4.6, "sloppy quorum"): every
 * primary that looks up, and for each one that looks down the next healthy fallback, which keeps
 * the key as a hint for it. Reads and writes use the same set, so a read during an outage meets
 * the writes held as hints.
 *
 * <p>It also hands out the spare fallbacks further down the list: a write that fails on a target
 * mid-flight is sent on to the next one rather than counted lost, as the paper's coordinator does.
 * Liveness is asked again when a spare is taken, so the spares reflect what is known by then.
 *
 * <p>Thread-safe: replacements are taken under the object's lock.
 */
public final class SloppyPreferenceList {

  private final PreferenceList preferenceList;
  private final Predicate<String> isUp;
  private final List<ReplicaTarget> targets;
  private final Set<String> used = new HashSet<>();
  private int nextFallback;

  private SloppyPreferenceList(PreferenceList preferenceList, Predicate<String> isUp) {
    this.preferenceList = preferenceList;
    this.isUp = isUp;
    List<ReplicaTarget> chosen = new ArrayList<>();
    List<String> down = new ArrayList<>();
    for (String primary : preferenceList.primaries()) {
      if (isUp.test(primary)) {
        chosen.add(ReplicaTarget.primary(primary));
        used.add(primary);
      } else {
        down.add(primary);
      }
    }
    for (String owner : down) {
      takeFallback(owner).ifPresent(chosen::add);
    }
    this.targets = List.copyOf(chosen);
  }

  /**
   * The sloppy set of {@code preferenceList} as liveness {@code isUp} sees it now.
   *
   * @param isUp whether a node looks alive; asked again whenever a spare fallback is taken
   */
  public static SloppyPreferenceList of(PreferenceList preferenceList, Predicate<String> isUp) {
    return new SloppyPreferenceList(preferenceList, isUp);
  }

  /** Up primaries first (in preference-list order), then fallbacks for the down ones. */
  public List<ReplicaTarget> targets() {
    return targets;
  }

  /** Every true owner of the key, up or not: the owners a fallback may hold hints for. */
  public List<String> owners() {
    return preferenceList.primaries();
  }

  public int partition() {
    return preferenceList.partition();
  }

  /** The owners whose copy no target holds: down, with no fallback left to stand in for them. */
  public List<String> ownersWithoutATarget() {
    return owners().stream()
        .filter(owner -> targets.stream().noneMatch(target -> target.owner().equals(owner)))
        .toList();
  }

  /** How many targets are primaries: at most that many acks can come from true owners (PW). */
  public int primariesUp() {
    return (int) targets.stream().filter(ReplicaTarget::isPrimary).count();
  }

  /** Whether {@code node} is one of the key's true owners. */
  public boolean isOwner(String node) {
    return preferenceList.primaries().contains(node);
  }

  /** This node's place in the set, if it is one of the targets. */
  public Optional<ReplicaTarget> targetFor(String node) {
    return targets.stream().filter(target -> target.node().equals(node)).findFirst();
  }

  /**
   * The next healthy fallback not used yet, to take over from {@code failed}: it keeps the copy as
   * a hint for the owner {@code failed} held it for. Empty when the list is exhausted.
   */
  public synchronized Optional<ReplicaTarget> replace(ReplicaTarget failed) {
    return takeFallback(failed.owner());
  }

  /**
   * Marks a node as taking part already (a coordinator outside the set that keeps a copy itself),
   * so that no spare is ever the same node twice.
   */
  public synchronized void exclude(String node) {
    used.add(node);
  }

  private Optional<ReplicaTarget> takeFallback(String owner) {
    List<String> fallbacks = preferenceList.fallbacks();
    while (nextFallback < fallbacks.size()) {
      String candidate = fallbacks.get(nextFallback++);
      if (!used.contains(candidate) && isUp.test(candidate)) {
        used.add(candidate);
        return Optional.of(ReplicaTarget.fallback(candidate, owner));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "sloppy " + targets + " of " + preferenceList;
  }
}
