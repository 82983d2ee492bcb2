package io.ringkv.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PeerSelectionTest {

  private final Random random = new Random(7);

  @Test
  void a_node_that_knows_no_live_peer_talks_to_a_seed() {
    assertThat(PeerSelection.choose(List.of(), List.of(), List.of("s1"), random)).containsExactly("s1");
  }

  @Test
  void every_round_talks_to_one_live_peer_and_sometimes_to_a_seed_and_an_unreachable_one() {
    List<String> live = List.of("a", "b", "c", "d", "e", "f", "g");
    int seedRounds = 0;
    int unreachableRounds = 0;
    for (int round = 0; round < 10_000; round++) {
      List<String> targets = PeerSelection.choose(live, List.of("x"), List.of("s1"), random);
      assertThat(live).contains(targets.get(0));
      assertThat(targets).doesNotHaveDuplicates();
      seedRounds += targets.contains("s1") ? 1 : 0;
      unreachableRounds += targets.contains("x") ? 1 : 0;
    }
    // Probabilities 1/(live + unreachable) = 1/8 for the seed, unreachable/(live + 1) = 1/8 for x.
    assertThat(seedRounds).isBetween(1_000, 1_500);
    assertThat(unreachableRounds).isBetween(1_000, 1_500);
  }

  @Test
  void with_fewer_live_peers_than_seeds_every_round_talks_to_a_seed() {
    for (int round = 0; round < 100; round++) {
      List<String> targets = PeerSelection.choose(List.of("a"), List.of(), List.of("s1", "s2"), random);
      assertThat(targets).hasSize(2).contains("a").containsAnyOf("s1", "s2");
    }
  }
}
