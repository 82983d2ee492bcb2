package io.ringkv.antientropy;

import static io.ringkv.antientropy.ReplicaPair.PARTITION;
import static io.ringkv.antientropy.ReplicaPair.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.antientropy.ExchangeResult.Outcome;
import io.ringkv.replication.LocalReplica;
import io.ringkv.replication.ObjectRef;
import io.ringkv.version.ConflictMode;
import io.ringkv.version.Sibling;
import io.ringkv.version.SiblingSet;
import io.ringkv.version.VersionVector;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Exchanges between two in-memory replicas over the real peer transport. */
class ExchangeTest {

  /**
   * The arithmetic: 16M keys at depth 16 is ~244 keys a leaf. Here 62,500 keys at depth 8
   * (256 leaves) keep that ratio.
   */
  private static final int KEYS = 62_500;
  private static final int DEPTH = 8;
  private static final byte[] VALUE = "x".repeat(100).getBytes(StandardCharsets.UTF_8);

  @Test
  void oneDifferingKeyAmongManyIsFoundWithTwoComparisonsALevelAndMovesOneLeafOfKeys() throws Exception {
    try (ReplicaPair pair = new ReplicaPair(DEPTH, DEPTH)) {
      for (int i = 0; i < KEYS; i++) {
        SiblingSet version = written("writer", VALUE, 1);
        pair.ours.replica.merge(object(key(i)), version, ConflictMode.SIBLINGS);
        pair.theirs.replica.merge(object(key(i)), version, ConflictMode.SIBLINGS);
      }
      pair.ours.build();
      pair.theirs.build();
      ObjectRef changed = object(key(31_337));
      overwrite(pair.theirs.replica, changed, "newer".getBytes(StandardCharsets.UTF_8));

      ExchangeResult result = pair.exchange();

      long datasetBytes = pair.ours.store.stats().valueBytes() + KEYS * (long) changed.storageKey().length;
      long leafKeys = keysInLeafOf(changed, KEYS);
      System.out.printf(
          "[anti-entropy] 1 differing key among %,d (depth %d, %d keys in its leaf): %d comparisons, "
              + "%d keys listed (both sides), %d repaired, %,d bytes moved vs %,d bytes of data (%.3f%%)%n",
          KEYS, DEPTH, leafKeys, result.comparisons(), result.keysListed(), result.keysRepaired(), result.bytes(),
          datasetBytes, 100.0 * result.bytes() / datasetBytes);
      assertThat(result.outcome()).isEqualTo(Outcome.SYNCED);
      assertThat(result.comparisons()).isEqualTo(1 + 2L * DEPTH);
      assertThat(result.keysListed()).isEqualTo(2 * leafKeys);
      assertThat(result.keysRepaired()).isEqualTo(1);
      assertThat(result.bytes()).isLessThan(datasetBytes / 500);
      assertThat(pair.ours.replica.read(changed)).isEqualTo(pair.theirs.replica.read(changed));
      assertThat(pair.exchange().outcome()).isEqualTo(Outcome.IN_SYNC);
    }
  }

  @Test
  void siblingsHeldOnOneSideEachEndUpMergedOnBoth() throws Exception {
    try (ReplicaPair pair = new ReplicaPair(DEPTH, DEPTH)) {
      ObjectRef key = object("shared");
      SiblingSet common = written("writer", bytes("v1"), 1);
      pair.ours.replica.merge(key, common, ConflictMode.SIBLINGS);
      pair.theirs.replica.merge(key, common, ConflictMode.SIBLINGS);
      pair.ours.build();
      pair.theirs.build();
      // Two writes that did not see each other, each taken by one replica only.
      pair.ours.replica.merge(key, written("ours", bytes("v2"), 2), ConflictMode.SIBLINGS);
      pair.theirs.replica.merge(key, written("theirs", bytes("v3"), 3), ConflictMode.SIBLINGS);

      ExchangeResult result = pair.exchange();

      assertThat(result.keysRepaired()).isEqualTo(2);
      assertThat(values(pair.ours.replica.read(key))).containsExactlyInAnyOrder("v1", "v2", "v3");
      assertThat(pair.theirs.replica.read(key)).isEqualTo(pair.ours.replica.read(key));
    }
  }

  @Test
  void keysAndTombstonesMissingOnEitherSideAreCopiedBothWays() throws Exception {
    try (ReplicaPair pair = new ReplicaPair(DEPTH, DEPTH)) {
      pair.ours.build();
      pair.theirs.build();
      pair.ours.replica.merge(object("only-ours"), written("a", bytes("x"), 1), ConflictMode.SIBLINGS);
      pair.theirs.replica.merge(object("only-theirs"), written("b", bytes("y"), 1), ConflictMode.SIBLINGS);
      SiblingSet live = written("a", bytes("z"), 1);
      pair.ours.replica.merge(object("deleted"), live, ConflictMode.SIBLINGS);
      pair.theirs.replica.merge(object("deleted"), live, ConflictMode.SIBLINGS);
      pair.theirs.replica.merge(
          object("deleted"),
          live.coordinate("b", live.context(), new byte[0], "text/plain", true, 2, ConflictMode.SIBLINGS),
          ConflictMode.SIBLINGS);

      ExchangeResult result = pair.exchange();

      assertThat(result.keysRepaired()).isEqualTo(3);
      assertThat(values(pair.theirs.replica.read(object("only-ours")))).containsExactly("x");
      assertThat(values(pair.ours.replica.read(object("only-theirs")))).containsExactly("y");
      assertThat(pair.ours.replica.read(object("deleted")).isTombstone()).isTrue();
      assertThat(pair.ours.tree().hashes(0, new int[] {0})).isEqualTo(pair.theirs.tree().hashes(0, new int[] {0}));
    }
  }

  @Test
  void treesOfDifferentDepthsCompareDownToTheShallowerOne() throws Exception {
    try (ReplicaPair pair = new ReplicaPair(10, 6)) {
      for (int i = 0; i < 1_000; i++) {
        pair.theirs.replica.merge(object(key(i)), written("w", VALUE, 1), ConflictMode.SIBLINGS);
        if (i != 500) {
          pair.ours.replica.merge(object(key(i)), written("w", VALUE, 1), ConflictMode.SIBLINGS);
        }
      }
      pair.ours.build();
      pair.theirs.build();

      ExchangeResult result = pair.exchange();

      assertThat(result.comparisons()).isEqualTo(1 + 2 * 6);
      assertThat(result.keysRepaired()).isEqualTo(1);
      assertThat(pair.exchange().outcome()).isEqualTo(Outcome.IN_SYNC);
    }
  }

  @Test
  void anExchangeNoticesWhenItsOwnTreeNoLongerFollowsTheStore() throws Exception {
    try (ReplicaPair pair = new ReplicaPair(DEPTH, DEPTH)) {
      for (int i = 0; i < 100; i++) {
        SiblingSet version = written("w", VALUE, 1);
        pair.ours.replica.merge(object(key(i)), version, ConflictMode.SIBLINGS);
        pair.theirs.replica.merge(object(key(i)), version, ConflictMode.SIBLINGS);
      }
      pair.ours.build();
      pair.theirs.build();
      assertThat(pair.exchange().treeMismatch()).isFalse();
      // A key the tree is told about but the store never got: the tree has drifted.
      pair.ours.trees.changed(PARTITION, object("ghost").storageKey(), SiblingSet.empty(), written("w", VALUE, 1));

      ExchangeResult drifted = pair.exchange();

      assertThat(drifted.outcome()).isEqualTo(Outcome.SYNCED);
      assertThat(drifted.keysRepaired()).isZero();
      assertThat(drifted.treeMismatch()).isTrue();
      pair.ours.build();
      assertThat(pair.exchange().outcome()).isEqualTo(Outcome.IN_SYNC);
    }
  }

  @Test
  void droppingAPartitionThroughTheTreeAwareStoreEmptiesItsTree() throws Exception {
    try (ReplicaPair pair = new ReplicaPair(DEPTH, DEPTH)) {
      pair.ours.build();
      pair.ours.replica.merge(object("k"), written("w", VALUE, 1), ConflictMode.SIBLINGS);
      assertThat(pair.ours.tree().keys()).isEqualTo(1);

      new TreeAwareStore(pair.ours.store, pair.ours.trees).dropPartition(PARTITION);

      assertThat(pair.ours.tree().keys()).isZero();
      assertThat(pair.ours.tree().hashes(0, new int[] {0})).containsExactly(0L);
    }
  }

  @Test
  void aPeerWhoseTreeIsNotBuiltIsSkipped() throws Exception {
    try (ReplicaPair pair = new ReplicaPair(DEPTH, DEPTH)) {
      pair.ours.build();

      ExchangeResult result = pair.exchange();

      assertThat(result.outcome()).isEqualTo(Outcome.SKIPPED);
      assertThat(result.failure()).contains("not ready");
    }
  }

  private static String key(int i) {
    return String.format("key-%06d", i);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static SiblingSet written(String actor, byte[] value, long timestamp) {
    return SiblingSet.empty().coordinate(actor, VersionVector.empty(), value, "text/plain", false, timestamp, ConflictMode.SIBLINGS);
  }

  /** A client write that read the current version first: it supersedes it. */
  private static void overwrite(LocalReplica replica, ObjectRef object, byte[] value) {
    replica.coordinate(
        object,
        new LocalReplica.ClientWrite(replica.read(object).context(), value, "text/plain", false, ConflictMode.SIBLINGS),
        "client-writer", 2);
  }

  private static String[] values(SiblingSet set) {
    return set.siblings().stream().map(Sibling::value).map(v -> new String(v, StandardCharsets.UTF_8)).toArray(String[]::new);
  }

  /** How many of the keys 0..count-1 share the leaf of {@code object}. */
  private static long keysInLeafOf(ObjectRef object, int count) {
    int leaf = EntryHashing.indexAt(EntryHashing.position(object.storageKey()), DEPTH);
    return java.util.stream.IntStream.range(0, count)
        .filter(i -> EntryHashing.indexAt(EntryHashing.position(object(key(i)).storageKey()), DEPTH) == leaf)
        .count();
  }
}
