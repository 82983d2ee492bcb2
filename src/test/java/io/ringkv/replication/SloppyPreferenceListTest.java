package io.ringkv.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.ring.PreferenceList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SloppyPreferenceListTest {

  private static final PreferenceList LIST =
      new PreferenceList(7, List.of("a", "b", "c"), List.of("d", "e", "f"));

  private static SloppyPreferenceList sloppy(Set<String> down) {
    return SloppyPreferenceList.of(LIST, node -> !down.contains(node));
  }

  @Test
  void with_every_owner_up_the_targets_are_the_primaries() {
    SloppyPreferenceList set = sloppy(Set.of());

    assertThat(set.targets()).containsExactly(
        ReplicaTarget.primary("a"), ReplicaTarget.primary("b"), ReplicaTarget.primary("c"));
    assertThat(set.primariesUp()).isEqualTo(3);
  }

  @Test
  void a_down_owner_is_stood_in_for_by_the_first_healthy_fallback_which_holds_its_hint() {
    SloppyPreferenceList set = sloppy(Set.of("a"));

    assertThat(set.targets()).containsExactly(
        ReplicaTarget.primary("b"), ReplicaTarget.primary("c"), ReplicaTarget.fallback("d", "a"));
    assertThat(set.primariesUp()).isEqualTo(2);
    assertThat(set.targets().get(2).role()).isEqualTo(ReplicaTarget.Role.FALLBACK);
  }

  @Test
  void down_fallbacks_are_walked_past_and_each_down_owner_gets_its_own_stand_in() {
    SloppyPreferenceList set = sloppy(Set.of("a", "c", "d"));

    assertThat(set.targets()).containsExactly(
        ReplicaTarget.primary("b"), ReplicaTarget.fallback("e", "a"), ReplicaTarget.fallback("f", "c"));
  }

  @Test
  void with_too_few_healthy_nodes_the_set_is_smaller_than_n_and_never_repeats_a_node() {
    SloppyPreferenceList set =
        SloppyPreferenceList.of(new PreferenceList(0, List.of("a", "b", "c"), List.of()), node -> node.equals("a"));

    assertThat(set.targets()).containsExactly(ReplicaTarget.primary("a"));
    assertThat(set.ownersWithoutATarget()).as("nobody holds their copies").containsExactly("b", "c");
  }

  @Test
  void an_owner_stood_in_for_has_a_target() {
    SloppyPreferenceList set = sloppy(Set.of("a", "c", "d", "f"));

    assertThat(set.targets()).containsExactly(ReplicaTarget.primary("b"), ReplicaTarget.fallback("e", "a"));
    assertThat(set.ownersWithoutATarget()).containsExactly("c");
  }

  @Test
  void a_target_that_fails_is_replaced_by_the_next_unused_healthy_fallback_for_the_same_owner() {
    Set<String> down = new HashSet<>(Set.of("a"));
    SloppyPreferenceList set = SloppyPreferenceList.of(LIST, node -> !down.contains(node));
    down.add("e"); // liveness is asked again when a spare is taken

    assertThat(set.replace(ReplicaTarget.primary("b"))).contains(ReplicaTarget.fallback("f", "b"));
    assertThat(set.replace(ReplicaTarget.fallback("d", "a"))).isEmpty();
  }

  @Test
  void an_excluded_node_is_never_handed_out_as_a_spare() {
    SloppyPreferenceList set = sloppy(Set.of());
    set.exclude("d");

    assertThat(set.replace(ReplicaTarget.primary("c"))).contains(ReplicaTarget.fallback("e", "c"));
  }

  @Test
  void owners_are_every_primary_whether_up_or_down() {
    SloppyPreferenceList set = sloppy(Set.of("a", "b"));

    assertThat(set.owners()).containsExactly("a", "b", "c");
    assertThat(set.isOwner("a")).isTrue();
    assertThat(set.isOwner("d")).isFalse();
    assertThat(set.targetFor("e")).contains(ReplicaTarget.fallback("e", "b"));
  }
}
