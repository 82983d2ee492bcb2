package io.ringkv.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringkv.ring.Claim;
import io.ringkv.ring.NodeSpec;
import io.ringkv.ring.Ring;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RingStateTest {

  private static final int Q = 64;
  private final RingState three =
      RingState.initial(Claim.initial(Q, List.of(NodeSpec.of("a"), NodeSpec.of("b"), NodeSpec.of("c"))), 3);
  private final Ring four = Claim.join(three.to(), NodeSpec.of("d"));

  @Test
  void reads_move_to_the_next_ring_only_when_settling_and_writes_reach_both_rings_until_stable() {
    RingState handoff = three.handoff(four, 3);
    RingState settling = handoff.settle();
    RingState stable = settling.stabilize();

    assertThat(three.readRing()).isEqualTo(three.to());
    assertThat(three.writeRings()).containsExactly(three.to());
    assertThat(handoff.readRing()).isEqualTo(three.to());
    assertThat(handoff.writeRings()).containsExactly(three.to(), four);
    assertThat(settling.readRing()).isEqualTo(four);
    assertThat(settling.writeRings()).containsExactly(three.to(), four);
    assertThat(stable.readRing()).isEqualTo(four);
    assertThat(stable.writeRings()).containsExactly(four);
    assertThat(List.of(handoff.version(), settling.version(), stable.version())).containsExactly(2L, 3L, 4L);
  }

  @Test
  void phases_follow_each_other_in_order_only() {
    assertThatThrownBy(three::settle).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> three.handoff(four, 3).stabilize()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void a_join_moves_replica_roles_only_to_the_newcomer_each_from_the_replica_it_replaces() {
    RingState handoff = three.handoff(four, 3);
    List<PartitionMove> moves = handoff.moves();

    assertThat(moves).allSatisfy(move -> {
      assertThat(move.target()).isEqualTo("d");
      List<String> before = three.to().preferenceList(move.partition(), 3).primaries();
      List<String> after = four.preferenceList(move.partition(), 3).primaries();
      assertThat(before).contains(move.source());
      assertThat(after).doesNotContain(move.source());
    });
    // d owns a quarter of the partitions and replicates each of them and the two before it.
    assertThat(moves).hasSize(3 * four.ownedCount("d"));
    assertThat(three.moves()).isEmpty();
  }

  @Test
  void a_leave_moves_every_role_of_the_leaver_away_from_it() {
    RingState handoff = three.handoff(Claim.leave(Claim.join(three.to(), NodeSpec.of("d")), "a"), 3);
    assertThat(handoff.moves()).isNotEmpty().allSatisfy(move -> assertThat(move.target()).isNotEqualTo("a"));
    assertThat(handoff.members()).isEqualTo(Set.of("a", "b", "c", "d"));
  }

  @Test
  void the_wire_form_round_trips_and_keeps_the_lineage() {
    RingState settling = three.handoff(four, 3).settle();
    RingState decoded = GossipMessages.fromProto(GossipMessages.toProto(settling));

    assertThat(decoded).isEqualTo(settling);
    assertThat(decoded.fingerprint()).isEqualTo(settling.fingerprint());
    assertThat(decoded.lineage()).isEqualTo(three.lineage());
    assertThat(decoded.to()).isEqualTo(four);
  }

  @Test
  void states_are_ordered_by_version_and_two_clusters_have_different_lineages() {
    RingState next = three.handoff(four, 3);
    assertThat(next.supersedes(three)).isTrue();
    assertThat(three.supersedes(next)).isFalse();
    assertThat(three.supersedes(null)).isTrue();
    RingState other = RingState.initial(Claim.initial(Q, List.of(NodeSpec.of("x"))), 3);
    assertThat(other.lineage()).isNotEqualTo(three.lineage());
    assertThat(next.lineage()).isEqualTo(three.lineage());
  }
}
