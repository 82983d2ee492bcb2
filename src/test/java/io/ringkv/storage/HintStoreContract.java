package io.ringkv.storage;

import static io.ringkv.storage.PartitionedStoreContract.MIB;
import static io.ringkv.storage.PartitionedStoreContract.append;
import static io.ringkv.storage.PartitionedStoreContract.bytes;
import static io.ringkv.storage.PartitionedStoreContract.value;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link HintStore} must do; one subclass per implementation. */
abstract class HintStoreContract {

  @TempDir Path dataDir;
  HintStore hints;

  abstract HintStore openStore(Path dataDir);

  @BeforeEach
  void open() {
    hints = openStore(dataDir);
  }

  @AfterEach
  void close() {
    hints.close();
  }

  record Seen(int partition, String key, byte[] value) {}

  List<Seen> hintsFor(String target) {
    List<Seen> seen = new ArrayList<>();
    hints.forEachFor(target, (p, key, value) -> seen.add(new Seen(p, new String(key, UTF_8), value)));
    return seen;
  }

  @Test
  void mergeSeesTheCurrentHintAndKeepsTheResult() {
    assertThat(hints.merge("n1", 3, bytes("k"), current -> append(current, bytes("a")))).isEqualTo(bytes("a"));
    assertThat(hints.merge("n1", 3, bytes("k"), current -> append(current, bytes("b")))).isEqualTo(bytes("ab"));
    assertThat(hintsFor("n1")).singleElement().satisfies(h -> {
      assertThat(h.partition()).isEqualTo(3);
      assertThat(h.key()).isEqualTo("k");
      assertThat(h.value()).isEqualTo(bytes("ab"));
    });
  }

  @Test
  void hintsAreKeptPerTargetPartitionAndKey() {
    hints.merge("n1", 1, bytes("k"), current -> bytes("n1/1"));
    hints.merge("n1", 2, bytes("k"), current -> bytes("n1/2"));
    hints.merge("n2", 1, bytes("k"), current -> bytes("n2/1"));
    hints.merge("n10", 1, bytes("k"), current -> bytes("n10/1"));

    assertThat(hintsFor("n1")).extracting(h -> new String(h.value(), UTF_8))
        .containsExactlyInAnyOrder("n1/1", "n1/2");
    assertThat(hintsFor("n2")).extracting(Seen::partition).containsExactly(1);
    assertThat(hintsFor("n3")).isEmpty();
  }

  @Test
  void removeIfUnchangedRemovesTheDeliveredHint() {
    hints.merge("n1", 1, bytes("k"), current -> bytes("v1"));
    assertThat(hints.removeIfUnchanged("n1", 1, bytes("k"), bytes("v1"))).isTrue();
    assertThat(hintsFor("n1")).isEmpty();
    assertThat(hints.pending()).isZero();
  }

  @Test
  void aHintMergedAfterDeliveryStartedSurvives() {
    hints.merge("n1", 1, bytes("k"), current -> bytes("v1"));
    byte[] delivered = hintsFor("n1").get(0).value();
    hints.merge("n1", 1, bytes("k"), current -> append(current, bytes("+v2")));

    assertThat(hints.removeIfUnchanged("n1", 1, bytes("k"), delivered)).isFalse();
    assertThat(hintsFor("n1")).singleElement()
        .satisfies(h -> assertThat(h.value()).isEqualTo(bytes("v1+v2")));
    assertThat(hints.removeIfUnchanged("n1", 1, bytes("absent"), delivered)).isFalse();
    assertThat(hints.removeIfUnchanged("n2", 1, bytes("k"), delivered)).isFalse();
  }

  @Test
  void pendingCountsHintsPerTarget() {
    for (int i = 0; i < 3; i++) {
      int n = i;
      hints.merge("n1", i, bytes("k" + i), current -> bytes("v" + n));
    }
    hints.merge("n2", 0, bytes("k"), current -> bytes("v"));
    hints.merge("n2", 0, bytes("k"), current -> bytes("again")); // same hint
    hints.merge("n3", 0, bytes("k"), current -> bytes("v"));
    hints.merge("n3", 0, bytes("k"), current -> null);

    assertThat(hints.pendingByTarget()).isEqualTo(Map.of("n1", 3L, "n2", 1L));
    assertThat(hints.pending()).isEqualTo(4);
    hints.removeIfUnchanged("n1", 0, bytes("k0"), bytes("v0"));
    assertThat(hints.pendingByTarget()).isEqualTo(Map.of("n1", 2L, "n2", 1L));
  }

  @Test
  void largeHintRoundTrips() {
    byte[] siblings = value(7, 2 * MIB + 100 * 1024);
    hints.merge("n1", 9, bytes("big"), current -> siblings);
    assertThat(hintsFor("n1")).singleElement().satisfies(h -> assertThat(h.value()).isEqualTo(siblings));
    assertThat(hints.removeIfUnchanged("n1", 9, bytes("big"), siblings)).isTrue();
    assertThat(hints.pending()).isZero();
  }

  @Test
  void concurrentMergesOfOneHintKeepEveryChange() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      String writer = "w" + t;
      done.add(pool.submit(() -> {
        for (int i = 0; i < 200; i++) {
          String marker = writer + ":" + i + ";";
          hints.merge("n1", 0, bytes("k"), current -> append(current, bytes(marker)));
        }
      }));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    String merged = new String(hintsFor("n1").get(0).value(), UTF_8);
    assertThat(merged.split(";")).hasSize(600).doesNotHaveDuplicates();
  }
}
