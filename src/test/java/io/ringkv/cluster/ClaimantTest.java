package io.ringkv.cluster;

import static io.ringkv.cluster.Entries.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.ring.Claim;
import io.ringkv.ring.NodeSpec;
import io.ringkv.ring.Ring;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimantTest {

  private static final int Q = 16;
  private final Set<String> down = new HashSet<>();

  private Claimant.Status decide(String self, RingState ring, List<NodeEntry> entries, List<String> seedsNotContacted) {
    return Claimant.decide(new Claimant.View(self, ring, entries, id -> !down.contains(id), seedsNotContacted, Q, 3));
  }

  private static RingState stable(String... members) {
    return RingState.initial(Claim.initial(Q, List.of(members).stream().map(NodeSpec::of).toList()), 3);
  }

  private static List<NodeEntry> holding(RingState ring, Membership membership, String... ids) {
    List<NodeEntry> entries = new ArrayList<>();
    for (String id : ids) {
      entries.add(entry(id, 1, 1, 1, membership, ring == null ? 0 : ring.version()));
    }
    return entries;
  }

  @Test
  void a_new_cluster_waits_for_every_seed_then_its_lowest_node_claims_the_first_ring() {
    List<NodeEntry> entries = holding(null, Membership.JOINING, "n2", "n1", "n3");

    Claimant.Status waiting = decide("n1", null, entries, List.of("127.0.0.1:7003"));
    assertThat(waiting.change()).isNull();
    assertThat(waiting.waiting()).contains("waiting to reach seeds");

    Claimant.Status notMine = decide("n2", null, entries, List.of());
    assertThat(notMine.claimant()).isEqualTo("n1");
    assertThat(notMine.change()).isNull();

    Claimant.Status founding = decide("n1", null, entries, List.of());
    RingState first = founding.change().next();
    assertThat(first.version()).isEqualTo(1);
    assertThat(first.isStable()).isTrue();
    assertThat(first.to().members().keySet()).containsExactly("n1", "n2", "n3");
    assertThat(founding.change().memberships()).containsOnlyKeys("n1", "n2", "n3").containsValue(Membership.MEMBER);
  }

  @Test
  void a_lower_node_not_judged_up_yet_still_founds_and_the_others_wait_for_it() {
    List<NodeEntry> entries = holding(null, Membership.JOINING, "n1", "n2", "n3");
    down.add("n1");

    Claimant.Status n2 = decide("n2", null, entries, List.of());
    assertThat(n2.change()).as("n2 must not found a second cluster without n1").isNull();
    assertThat(n2.claimant()).isEqualTo("n1");
    assertThat(n2.waiting()).contains("n1 creates the first one once it is reachable");
  }

  @Test
  void the_founder_leaves_out_the_nodes_it_sees_down() {
    List<NodeEntry> entries = holding(null, Membership.JOINING, "n1", "n2", "n3");
    down.add("n3");

    RingState first = decide("n1", null, entries, List.of()).change().next();
    assertThat(first.to().members().keySet()).containsExactly("n1", "n2");
  }

  @Test
  void nobody_founds_while_a_known_node_holds_a_ring_already() {
    List<NodeEntry> entries = new ArrayList<>(holding(null, Membership.JOINING, "n1"));
    entries.add(entry("n2", 1, 1, 1, Membership.MEMBER, 1));

    Claimant.Status n1 = decide("n1", null, entries, List.of());
    assertThat(n1.change()).as("a second first ring would fork the cluster").isNull();
    assertThat(n1.waiting()).contains("n2 holds one");
  }

  @Test
  void the_claimant_is_the_lowest_reachable_member_and_nothing_changes_while_a_member_is_unreachable() {
    RingState ring = stable("n1", "n2", "n3");
    List<NodeEntry> entries = new ArrayList<>(holding(ring, Membership.MEMBER, "n1", "n2", "n3"));
    entries.add(entry("n4", 1, 1, 1, Membership.JOINING, 1));
    down.add("n1");

    Claimant.Status status = decide("n2", ring, entries, List.of());

    assertThat(status.claimant()).isEqualTo("n2");
    assertThat(status.ringReady()).isFalse();
    assertThat(status.waiting()).contains("unreachable [n1]");
    assertThat(status.change()).isNull();
  }

  @Test
  void nothing_changes_while_a_member_holds_an_older_ring_state() {
    RingState ring = stable("n1", "n2", "n3");
    List<NodeEntry> entries = new ArrayList<>(holding(ring, Membership.MEMBER, "n1", "n2"));
    entries.add(entry("n3", 1, 1, 1, Membership.MEMBER, 0));
    entries.add(entry("n4", 1, 1, 1, Membership.JOINING, 0));

    Claimant.Status status = decide("n1", ring, entries, List.of());

    assertThat(status.ringReady()).isFalse();
    assertThat(status.waiting()).contains("n3 holds version 0");
    assertThat(status.change()).isNull();
  }

  @Test
  void joins_at_the_same_time_make_one_change_that_moves_partitions_only_to_the_newcomers() {
    RingState ring = stable("n1", "n2", "n3");
    List<NodeEntry> entries = new ArrayList<>(holding(ring, Membership.MEMBER, "n1", "n2", "n3"));
    entries.addAll(holding(ring, Membership.JOINING, "n5", "n4"));

    Claimant.Status status = decide("n1", ring, entries, List.of());

    RingState handoff = status.change().next();
    assertThat(handoff.phase()).isEqualTo(RingState.Phase.HANDOFF);
    assertThat(handoff.version()).isEqualTo(2);
    assertThat(handoff.to().members().keySet()).containsExactly("n1", "n2", "n3", "n4", "n5");
    for (int partition = 0; partition < Q; partition++) {
      String owner = handoff.to().owner(partition);
      assertThat(owner.equals(handoff.from().owner(partition)) || Set.of("n4", "n5").contains(owner)).isTrue();
    }
    // Another member reasons the same way but leaves the step to the claimant.
    assertThat(decide("n2", ring, entries, List.of()).change()).isNull();
  }

  @Test
  void a_handoff_settles_only_once_every_receiver_reported_every_partition() {
    RingState ring = stable("n1", "n2", "n3");
    RingState handoff = ring.handoff(Claim.join(ring.to(), NodeSpec.of("n4")), 3);
    List<NodeEntry> entries = new ArrayList<>(holding(handoff, Membership.MEMBER, "n1", "n2", "n3"));
    int[] gained = handoff.moves().stream().mapToInt(PartitionMove::partition).toArray();
    NodeEntry n4 = entry("n4", 1, 1, 1, Membership.JOINING, handoff.version());
    entries.add(n4.withHandoff(Entries.done(handoff.version(), java.util.Arrays.copyOf(gained, gained.length - 1))));

    Claimant.Status pending = decide("n1", handoff, entries, List.of());
    assertThat(pending.change()).isNull();
    assertThat(pending.waiting()).isEqualTo("handoff: 1 of " + gained.length + " transfers pending");

    entries.set(3, n4.withHandoff(Entries.done(handoff.version(), gained)));
    RingState settling = decide("n1", handoff, entries, List.of()).change().next();
    assertThat(settling.phase()).isEqualTo(RingState.Phase.SETTLING);
    assertThat(settling.readRing()).isEqualTo(handoff.to());
  }

  @Test
  void a_settled_change_becomes_stable_and_the_claimant_decides_the_memberships() {
    RingState ring = stable("n1", "n2", "n3", "n4");
    Ring without = Claim.leave(Claim.join(ring.to(), NodeSpec.of("n5")), "n2");
    RingState settling = ring.handoff(without, 3).settle();
    List<NodeEntry> entries = new ArrayList<>(holding(settling, Membership.MEMBER, "n1", "n3", "n4"));
    entries.addAll(holding(settling, Membership.LEAVING, "n2"));
    entries.addAll(holding(settling, Membership.JOINING, "n5"));

    Claimant.Change change = decide("n1", settling, entries, List.of()).change();

    assertThat(change.next().isStable()).isTrue();
    assertThat(change.next().to()).isEqualTo(without);
    assertThat(change.memberships()).containsEntry("n5", Membership.MEMBER).containsEntry("n2", Membership.LEFT).hasSize(2);
  }

  @Test
  void a_stable_ring_without_requests_changes_nothing() {
    RingState ring = stable("n1", "n2", "n3");
    Claimant.Status status = decide("n1", ring, holding(ring, Membership.MEMBER, "n1", "n2", "n3"), List.of());
    assertThat(status.ringReady()).isTrue();
    assertThat(status.waiting()).isNull();
    assertThat(status.change()).isNull();
  }
}
