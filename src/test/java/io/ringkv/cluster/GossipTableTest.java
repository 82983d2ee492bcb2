package io.ringkv.cluster;

import static io.ringkv.cluster.Entries.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.cluster.GossipTable.Outcome;
import io.ringkv.ring.Claim;
import io.ringkv.ring.NodeSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class GossipTableTest {

  private final GossipTable table = new GossipTable(entry("n1", 10, 5, Membership.MEMBER), null);

  @Test
  void an_unknown_node_is_added_and_a_newer_heartbeat_replaces_the_older() {
    assertThat(table.merge(entry("n2", 3, 1, Membership.MEMBER))).isEqualTo(Outcome.NEW_NODE);
    assertThat(table.merge(entry("n2", 3, 4, Membership.MEMBER))).isEqualTo(Outcome.HEARTBEAT);
    assertThat(table.merge(entry("n2", 3, 2, Membership.MEMBER))).isEqualTo(Outcome.UNCHANGED);
    assertThat(table.entry("n2").orElseThrow().heartbeat()).isEqualTo(4);
  }

  @Test
  void a_newer_generation_wins_over_any_heartbeat_of_an_older_one() {
    table.merge(entry("n2", 3, 900, Membership.MEMBER));
    assertThat(table.merge(entry("n2", 4, 0, Membership.MEMBER))).isEqualTo(Outcome.RESTARTED);
    assertThat(table.entry("n2").orElseThrow().generation()).isEqualTo(4);
  }

  @Test
  void membership_merges_as_a_maximum_independently_of_the_heartbeat() {
    table.merge(entry("n2", 3, 10, Membership.LEAVING));
    // An older heartbeat with an older membership: the membership the claimant set stays.
    table.merge(entry("n2", 3, 11, Membership.MEMBER));
    NodeEntry merged = table.entry("n2").orElseThrow();
    assertThat(merged.heartbeat()).isEqualTo(11);
    assertThat(merged.membership()).isEqualTo(Membership.LEAVING);
    // A new incarnation (a rejoin) starts over from joining.
    table.merge(entry("n2", 5, 0, 2, Membership.JOINING, 0));
    assertThat(table.entry("n2").orElseThrow().membership()).isEqualTo(Membership.JOINING);
  }

  @Test
  void others_never_overwrite_what_this_node_says_of_itself_except_its_membership() {
    table.merge(entry("n1", 99, 99, 1, Membership.LEFT, 42));
    NodeEntry self = table.self();
    assertThat(self.generation()).isEqualTo(10);
    assertThat(self.heartbeat()).isEqualTo(5);
    assertThat(self.ringVersion()).isZero();
    assertThat(self.membership()).isEqualTo(Membership.LEFT);
  }

  @Test
  void merging_is_commutative_associative_and_idempotent() {
    List<NodeEntry> versions = List.of(
        entry("n2", 3, 7, 1, Membership.JOINING, 1),
        entry("n2", 3, 9, 1, Membership.JOINING, 2),
        entry("n2", 2, 50, 1, Membership.MEMBER, 0),
        entry("n2", 3, 8, 1, Membership.LEAVING, 3));
    NodeEntry expected = versions.get(0).merge(versions.get(1)).merge(versions.get(2)).merge(versions.get(3));
    for (NodeEntry a : versions) {
      for (NodeEntry b : versions) {
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
        assertThat(a.merge(a)).isEqualTo(a);
        for (NodeEntry c : versions) {
          assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
        }
      }
    }
    assertThat(expected.heartbeat()).isEqualTo(9);
    assertThat(expected.membership()).isEqualTo(Membership.LEAVING);
  }

  @Test
  void a_digest_comparison_sends_what_is_newer_here_and_asks_for_what_is_newer_there() {
    table.merge(entry("n2", 3, 10, Membership.MEMBER));
    table.merge(entry("n3", 3, 10, Membership.MEMBER));
    List<NodeEntry.EntryVersion> theirs = List.of(
        entry("n1", 10, 5, Membership.MEMBER).version(),     // equal
        entry("n2", 3, 12, Membership.MEMBER).version(),     // newer there
        entry("n3", 3, 9, Membership.MEMBER).version(),      // older there
        entry("n4", 1, 1, Membership.JOINING).version());    // unknown here

    GossipTable.Comparison comparison = table.compare(theirs);

    assertThat(comparison.newerHere()).extracting(NodeEntry::id).containsExactly("n3");
    assertThat(comparison.wanted()).containsExactly("n2", "n4");
  }

  @Test
  void a_ring_state_is_adopted_only_if_it_supersedes_the_one_held() {
    RingState first = RingState.initial(Claim.initial(8, List.of(NodeSpec.of("n1"), NodeSpec.of("n2"))), 3);
    RingState next = first.handoff(Claim.join(first.to(), NodeSpec.of("n3")), 3);
    assertThat(table.adopt(next)).isTrue();
    assertThat(table.adopt(first)).isFalse();
    assertThat(table.ring()).isEqualTo(next);
  }
}
