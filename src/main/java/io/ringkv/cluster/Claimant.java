package io.ringkv.cluster;

import io.ringkv.ring.Claim;
import io.ringkv.ring.NodeSpec;
import io.ringkv.ring.Ring;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The claimant's reasoning (DESIGN.md, "Partitioning"): who the claimant is, whether the ring is
 * ready, and which ring state comes next. Pure: every node runs it on its own view, to show
 * operators why a join waits; only the claimant acts on the result.
 *
 * <p>As in Riak, the claimant is the lowest-id reachable member, and it changes the ring only while
 * every member is reachable and holds the current ring-state version ("ring ready"), so a network
 * partition cannot fork the ring. Joins and leaves are batched into one change and serialized:
 * the next change starts only once the previous one is stable everywhere.
 */
public final class Claimant {

  private Claimant() {}

  /**
   * What this node's view says.
   *
   * @param claimant the claimant's id, or null when there is none (no ring and no reachable member)
   * @param ringReady whether every member is reachable and current
   * @param waiting why nothing can happen now (for operators), or null
   * @param change the next step, when this node is the claimant and there is one; else null
   */
  public record Status(String claimant, boolean ringReady, String waiting, Change change) {

    static Status waiting(String claimant, boolean ringReady, String reason) {
      return new Status(claimant, ringReady, reason, null);
    }
  }

  /**
   * A step of the claimant.
   *
   * @param next the next ring state
   * @param memberships membership decisions to gossip along with it: id → decided membership
   * @param description what the step does, for the log
   */
  public record Change(RingState next, Map<String, Membership> memberships, String description) {}

  /**
   * The inputs of a decision.
   *
   * @param selfId this node
   * @param ring the ring state, or null when none is known yet
   * @param entries every gossip entry, this node's own included
   * @param isUp the failure detector's view (this node is always up)
   * @param seedsNotContacted seeds this node has not talked to yet (a new cluster waits for them)
   * @param partitionCount Q, for the first ring
   * @param replicas N: the largest n of any bucket, for transfer planning
   */
  public record View(
      String selfId,
      RingState ring,
      Collection<NodeEntry> entries,
      Predicate<String> isUp,
      List<String> seedsNotContacted,
      int partitionCount,
      int replicas) {

    NodeEntry entry(String id) {
      return entries.stream().filter(entry -> entry.id().equals(id)).findFirst().orElse(null);
    }
  }

  public static Status decide(View view) {
    return view.ring() == null ? bootstrap(view) : next(view);
  }

  /**
   * A new cluster: once this node has talked to every seed, the lowest-id node that holds no ring
   * yet claims the first ring over every such node it sees up.
   *
   * <p>Two first rings would be two clusters that refuse each other for good, so who founds must
   * not depend on timing: the claimant is the lowest id of every such node this node has heard of,
   * reachable or not (a node the failure detector has not judged yet is not a reason to found
   * without it), and nobody founds while any node is known to hold a ring already: that ring is on
   * its way, and a node that founds its own would fork the cluster. The price is liveness: a new
   * cluster whose lowest node dies before founding waits for it to come back.
   */
  private static Status bootstrap(View view) {
    if (!view.seedsNotContacted().isEmpty()) {
      return Status.waiting(null, false, "no ring yet: waiting to reach seeds " + view.seedsNotContacted());
    }
    List<NodeEntry> known =
        view.entries().stream().filter(entry -> entry.membership() != Membership.LEFT).toList();
    Optional<NodeEntry> holder = known.stream().filter(entry -> entry.ringVersion() > 0).findFirst();
    if (holder.isPresent()) {
      return Status.waiting(
          null, false, "no ring yet: " + holder.get().id() + " holds one, waiting to receive it");
    }
    List<NodeEntry> candidates = known.stream().sorted(Comparator.comparing(NodeEntry::id)).toList();
    if (candidates.isEmpty()) {
      return Status.waiting(null, false, "no ring yet and no node to found one");
    }
    String claimant = candidates.get(0).id();
    if (!claimant.equals(view.selfId())) {
      String when = view.isUp().test(claimant) ? "" : " once it is reachable";
      return Status.waiting(claimant, false, "no ring yet: " + claimant + " creates the first one" + when);
    }
    List<NodeEntry> founders = candidates.stream().filter(entry -> view.isUp().test(entry.id())).toList();
    Ring first = Claim.initial(view.partitionCount(), founders.stream().map(Claimant::spec).toList());
    Map<String, Membership> members = new TreeMap<>();
    founders.forEach(entry -> members.put(entry.id(), Membership.MEMBER));
    Change change =
        new Change(RingState.initial(first, view.replicas()), members, "first ring over " + members.keySet());
    return new Status(claimant, true, null, change);
  }

  private static Status next(View view) {
    RingState state = view.ring();
    List<String> reachable = state.members().stream().filter(view.isUp()).toList();
    if (reachable.isEmpty()) {
      return Status.waiting(null, false, "no member of the ring is reachable");
    }
    String claimant = reachable.get(0);
    String notReady = notReady(view, state);
    if (notReady != null) {
      return Status.waiting(claimant, false, "ring not ready: " + notReady);
    }
    Status status =
        switch (state.phase()) {
          case STABLE -> startChange(view, state, claimant);
          case HANDOFF -> settleWhenTransferred(view, state, claimant);
          case SETTLING -> stabilize(state, claimant);
        };
    // Every node reasons the same way; only the claimant acts.
    return claimant.equals(view.selfId()) ? status : Status.waiting(claimant, true, status.waiting());
  }

  /** Why the ring is not ready (a member unreachable or behind), or null when it is. */
  private static String notReady(View view, RingState state) {
    List<String> unreachable = new ArrayList<>();
    List<String> behind = new ArrayList<>();
    for (String member : state.members()) {
      NodeEntry entry = view.entry(member);
      if (!view.isUp().test(member) || entry == null) {
        unreachable.add(member);
      } else if (entry.ringVersion() != state.version()) {
        behind.add(member + " holds version " + entry.ringVersion());
      }
    }
    if (!unreachable.isEmpty()) {
      return "unreachable " + unreachable;
    }
    if (!behind.isEmpty()) {
      return "ring version " + state.version() + " not yet everywhere: " + behind;
    }
    return null;
  }

  private static Status startChange(View view, RingState state, String claimant) {
    Ring ring = state.to();
    List<NodeEntry> joiners =
        view.entries().stream()
            .filter(entry -> entry.membership() == Membership.JOINING && !ring.isMember(entry.id()))
            .filter(entry -> view.isUp().test(entry.id()))
            .sorted(Comparator.comparing(NodeEntry::id))
            .toList();
    List<String> leavers =
        ring.members().keySet().stream()
            .filter(id -> view.entry(id) != null && view.entry(id).membership() == Membership.LEAVING)
            .toList();
    if (joiners.isEmpty() && leavers.isEmpty()) {
      return Status.waiting(claimant, true, null);
    }
    Ring next = ring;
    for (NodeEntry joiner : joiners) {
      next = Claim.join(next, spec(joiner));
    }
    List<String> leaving = new ArrayList<>();
    for (String leaver : leavers) {
      if (next.members().size() > 1) {
        next = Claim.leave(next, leaver);
        leaving.add(leaver);
      }
    }
    String description =
        "ownership change: join " + joiners.stream().map(NodeEntry::id).toList() + ", leave " + leaving;
    return new Status(claimant, true, null, new Change(state.handoff(next, view.replicas()), Map.of(), description));
  }

  private static Status settleWhenTransferred(View view, RingState state, String claimant) {
    long pending =
        state.moves().stream()
            .filter(move -> {
              NodeEntry target = view.entry(move.target());
              return target == null || !target.handoff().isDone(state.version(), move.partition());
            })
            .count();
    if (pending > 0) {
      return Status.waiting(
          claimant, true, "handoff: " + pending + " of " + state.moves().size() + " transfers pending");
    }
    return new Status(claimant, true, null, new Change(state.settle(), Map.of(), "every transfer done: reads move"));
  }

  private static Status stabilize(RingState state, String claimant) {
    Map<String, Membership> decided = new TreeMap<>();
    state.to().members().keySet().stream()
        .filter(id -> !state.from().isMember(id))
        .forEach(id -> decided.put(id, Membership.MEMBER));
    state.from().members().keySet().stream()
        .filter(id -> !state.to().isMember(id))
        .forEach(id -> decided.put(id, Membership.LEFT));
    return new Status(
        claimant, true, null, new Change(state.stabilize(), decided, "every member reads the new ring"));
  }

  private static NodeSpec spec(NodeEntry entry) {
    return new NodeSpec(entry.id(), entry.node().rack(), entry.node().weight());
  }
}
