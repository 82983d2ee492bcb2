package io.ringkv.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.storage.InMemoryHintStore;
import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import io.ringkv.version.VersionVector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HintedReplicaTest {

  private static final ObjectRef OBJECT = new ObjectRef("b", "k".getBytes(StandardCharsets.UTF_8), 5);

  private final InMemoryHintStore store = new InMemoryHintStore();
  private final AtomicLong now = new AtomicLong(1_000);
  private final HintedReplica hints = new HintedReplica(store, now::get);

  private static SiblingSet write(String actor, String value) {
    return SiblingSet.empty()
        .coordinate(actor, VersionVector.empty(), value.getBytes(StandardCharsets.UTF_8), "text/plain", false, 1L,
            ConflictMode.SIBLINGS);
  }

  @Test
  void a_hinted_write_goes_to_the_hint_store_for_its_owner_with_the_time_it_was_first_stored() {
    hints.merge("a", OBJECT, write("x@1", "v1"), ConflictMode.SIBLINGS);
    now.set(5_000);
    hints.merge("a", OBJECT, write("y@1", "v2"), ConflictMode.SIBLINGS);

    assertThat(store.pendingByTarget()).containsExactly(java.util.Map.entry("a", 1L));
    byte[][] kept = new byte[1][];
    store.forEachFor("a", (partition, key, value) -> kept[0] = value);
    HintRecord hint = HintRecord.decode(kept[0]);
    assertThat(hint.hintedAtMillis()).isEqualTo(1_000);
    assertThat(hint.siblingSet().siblings()).hasSize(2);
    assertThat(hints.hintsCreated()).isEqualTo(1);
  }

  @Test
  void a_fallbacks_read_merges_its_own_copy_with_the_hints_for_every_owner() {
    hints.merge("a", OBJECT, write("x@1", "v1"), ConflictMode.SIBLINGS);
    hints.merge("b", OBJECT, write("y@1", "v2"), ConflictMode.SIBLINGS);

    SiblingSet read = hints.withHints(write("z@1", "v3"), List.of("a", "b", "c"), OBJECT);

    assertThat(read.siblings()).hasSize(3);
    assertThat(hints.withHints(SiblingSet.empty(), List.of("c"), OBJECT).isEmpty()).isTrue();
  }

  @Test
  void a_write_coordinated_at_a_fallback_is_made_against_the_hint_it_keeps() {
    hints.merge("a", OBJECT, write("x@1", "v1"), ConflictMode.SIBLINGS);
    SiblingSet first = hints.withHints(SiblingSet.empty(), List.of("a"), OBJECT);

    SiblingSet stored =
        hints.coordinate(
            "a", OBJECT,
            new LocalReplica.ClientWrite(first.context(), "v2".getBytes(StandardCharsets.UTF_8), "text/plain", false,
                ConflictMode.SIBLINGS),
            "d@1~77", 2_000);

    assertThat(stored.siblings()).singleElement()
        .satisfies(sibling -> assertThat(sibling.dot().actor()).isEqualTo("d@1~77"));
  }

  @Test
  void a_merge_that_changes_nothing_writes_nothing_and_a_hint_record_round_trips() {
    SiblingSet once = hints.merge("a", OBJECT, write("x@1", "v1"), ConflictMode.SIBLINGS);
    SiblingSet twice = hints.merge("a", OBJECT, write("x@1", "v1"), ConflictMode.SIBLINGS);

    assertThat(twice).isEqualTo(once);
    HintRecord record = new HintRecord(42, new byte[] {1, 2, 3});
    HintRecord decoded = HintRecord.decode(record.encode());
    assertThat(decoded.hintedAtMillis()).isEqualTo(42);
    assertThat(decoded.siblings()).containsExactly(1, 2, 3);
    assertThat(decoded.olderThan(10, 53)).isTrue();
    assertThat(decoded.olderThan(10, 52)).isFalse();
  }
}
