package io.ringkv.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.ring.PreferenceList;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The sloppy set is the first N healthy nodes, whatever the outage. */
class SloppyPreferenceListProperties {

  @Property
  void the_targets_are_the_first_n_healthy_nodes_each_owner_down_stood_in_for_once(
      @ForAll @IntRange(min = 1, max = 12) int nodes,
      @ForAll @IntRange(min = 1, max = 5) int n,
      @ForAll @Size(max = 12) Set<@IntRange(min = 0, max = 11) Integer> downIndexes) {
    List<String> all = IntStream.range(0, nodes).mapToObj(i -> "n" + i).toList();
    int primaries = Math.min(n, nodes);
    PreferenceList list =
        new PreferenceList(0, all.subList(0, primaries), all.subList(primaries, nodes));
    Set<String> down = downIndexes.stream().map(i -> "n" + i).collect(Collectors.toSet());

    List<ReplicaTarget> targets = SloppyPreferenceList.of(list, node -> !down.contains(node)).targets();

    List<String> healthy = all.stream().filter(node -> !down.contains(node)).toList();
    assertThat(targets).hasSize(Math.min(primaries, healthy.size()));
    assertThat(targets.stream().map(ReplicaTarget::node).distinct()).hasSameSizeAs(targets);
    assertThat(targets).allMatch(target -> !down.contains(target.node()));
    List<String> upOwners = list.primaries().stream().filter(node -> !down.contains(node)).toList();
    assertThat(targets.stream().filter(ReplicaTarget::isPrimary).map(ReplicaTarget::node)).containsExactlyElementsOf(upOwners);
    List<String> standIns = new ArrayList<>();
    for (ReplicaTarget target : targets) {
      if (!target.isPrimary()) {
        assertThat(down).contains(target.hintedFor());
        assertThat(list.primaries()).contains(target.hintedFor());
        standIns.add(target.hintedFor());
      }
    }
    assertThat(standIns).doesNotHaveDuplicates();
    List<String> healthyFallbacks = list.fallbacks().stream().filter(node -> !down.contains(node)).toList();
    assertThat(targets.stream().filter(target -> !target.isPrimary()).map(ReplicaTarget::node))
        .containsExactlyElementsOf(healthyFallbacks.subList(0, standIns.size()));
  }
}
