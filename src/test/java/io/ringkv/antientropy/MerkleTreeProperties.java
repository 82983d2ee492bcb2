package io.ringkv.antientropy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The laws of the XOR Merkle tree that anti-entropy relies on. */
class MerkleTreeProperties {

  @Property(tries = 200)
  void theTreeDoesNotDependOnTheOrderEntriesArrive(
      @ForAll("entries") Map<String, Long> entries, @ForAll long shuffleSeed, @ForAll @IntRange(min = 1, max = 10) int depth) {
    List<Map.Entry<String, Long>> shuffled = new ArrayList<>(entries.entrySet());
    Collections.shuffle(shuffled, new Random(shuffleSeed));
    MerkleTree inOrder = Trees.of(depth, entries);
    MerkleTree reordered = new MerkleTree(depth);
    shuffled.forEach(entry -> Trees.add(reordered, entry.getKey(), entry.getValue()));

    assertThat(Trees.allHashes(reordered)).isEqualTo(Trees.allHashes(inOrder));
  }

  @Property(tries = 200)
  void removingAnEntryIsAddingItAgain(@ForAll("entries") Map<String, Long> entries, @ForAll @IntRange(min = 1, max = 10) int depth) {
    MerkleTree tree = Trees.of(depth, entries);
    entries.forEach((key, digest) -> Trees.add(tree, key, digest));

    assertThat(Trees.allHashes(tree)).containsOnly(0L);
  }

  @Property(tries = 100)
  void treesOfDifferentDepthsAgreeOnTheLevelsTheyShare(
      @ForAll("entries") Map<String, Long> entries,
      @ForAll @IntRange(min = 1, max = 8) int shallow,
      @ForAll @IntRange(min = 0, max = 6) int deeperBy) {
    MerkleTree small = Trees.of(shallow, entries);
    MerkleTree large = Trees.of(shallow + deeperBy, entries);

    for (int level = 0; level <= shallow; level++) {
      for (int index = 0; index < 1 << level; index++) {
        assertThat(large.hash(level, index)).isEqualTo(small.hash(level, index));
      }
    }
  }

  @Property(tries = 300)
  void theDescentFindsExactlyTheLeavesOfTheDifferingKeys(
      @ForAll("entries") Map<String, Long> shared,
      @ForAll("entries") Map<String, Long> changes,
      @ForAll @IntRange(min = 1, max = 12) int depth) {
    Map<String, Long> ours = new HashMap<>(shared);
    Map<String, Long> theirs = new HashMap<>(shared);
    // Each change is a key only we hold, one only they hold, or one held in two versions.
    Set<String> differing = new TreeSet<>();
    int i = 0;
    for (Map.Entry<String, Long> change : changes.entrySet()) {
      String key = "changed-" + change.getKey();
      switch (i++ % 3) {
        case 0 -> ours.put(key, change.getValue());
        case 1 -> theirs.put(key, change.getValue());
        default -> {
          ours.put(key, change.getValue());
          theirs.put(key, change.getValue() + 1);
        }
      }
      differing.add(key);
    }

    Descent descent = Trees.descend(Trees.of(depth, ours), Trees.of(depth, theirs));

    assertThat(descent.differingLeaves()).containsExactly(leavesOf(differing, depth));
    assertThat(descent.comparisons()).isEqualTo(expectedComparisons(differing, depth));
  }

  @Property(tries = 50)
  void oneDifferingKeyCostsOnePlusTwoComparisonsALevel(
      @ForAll("entries") Map<String, Long> shared, @ForAll @IntRange(min = 1, max = 16) int depth) {
    Map<String, Long> theirs = new HashMap<>(shared);
    theirs.put("the one that differs", 42L);

    Descent descent = Trees.descend(Trees.of(depth, shared), Trees.of(depth, theirs));

    assertThat(descent.comparisons()).isEqualTo(1 + 2L * depth);
    assertThat(descent.differingLeaves()).hasSize(1);
  }

  @Property(tries = 50)
  void equalTreesCostOneComparison(@ForAll("entries") Map<String, Long> entries, @ForAll @IntRange(min = 1, max = 12) int depth) {
    Descent descent = Trees.descend(Trees.of(depth, entries), Trees.of(depth, new LinkedHashMap<>(entries)));

    assertThat(descent.comparisons()).isEqualTo(1);
    assertThat(descent.differingLeaves()).isEmpty();
  }

  @Provide
  Arbitrary<Map<String, Long>> entries() {
    return Arbitraries.maps(Arbitraries.strings().ofMinLength(1).ofMaxLength(12), Arbitraries.longs()).ofMaxSize(200);
  }

  private static int[] leavesOf(Set<String> keys, int depth) {
    return keys.stream()
        .mapToInt(key -> EntryHashing.indexAt(EntryHashing.position(Trees.key(key)), depth))
        .distinct()
        .sorted()
        .toArray();
  }

  /** The root, then both children of every differing node above the leaves. */
  private static long expectedComparisons(Set<String> differing, int depth) {
    if (differing.isEmpty()) {
      return 1;
    }
    long comparisons = 1;
    for (int level = 0; level < depth; level++) {
      int finalLevel = level;
      long differingNodes = differing.stream()
          .mapToInt(key -> EntryHashing.indexAt(EntryHashing.position(Trees.key(key)), finalLevel))
          .distinct()
          .count();
      comparisons += 2 * differingNodes;
    }
    return comparisons;
  }
}
