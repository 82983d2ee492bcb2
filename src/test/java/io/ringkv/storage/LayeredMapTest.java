package io.ringkv.storage;

import static io.ringkv.storage.ChronicleStoreTest.awaitTrue;
import static io.ringkv.storage.PartitionedStoreContract.bytes;
import static io.ringkv.storage.PartitionedStoreContract.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layer mechanics behind growth, with the maintenance steps run by hand. */
class LayeredMapTest {

  @TempDir Path dir;
  final Queue<Runnable> maintenance = new ConcurrentLinkedQueue<>();
  final KeyLocks locks = new KeyLocks(64);
  final AtomicLong generations = new AtomicLong();
  final List<Path> paths = new ArrayList<>();

  MapFile file(long entries, StoreOptions options) {
    Path path = dir.resolve("m-g" + generations.incrementAndGet() + "-e" + entries + ".cmap");
    paths.add(path);
    return MapFile.create(path, entries, options);
  }

  LayeredMap layered(MapFile... newestFirst) {
    return new LayeredMap(
        List.of(newestFirst), entries -> file(entries, StoreOptions.defaults()), locks, 0,
        maintenance::add, StoreOptions.defaults());
  }

  void runMaintenance() {
    for (Runnable step = maintenance.poll(); step != null; step = maintenance.poll()) {
      step.run();
    }
  }

  static byte[] key(String name) {
    return RecordKeys.record(bytes(name));
  }

  static byte[] get(LayeredMap map, byte[] key) {
    try (LayeredMap.Access access = map.access()) {
      return access.get(key);
    }
  }

  @Test
  void theNewestCopyWinsBeforeDuringAndAfterTheDrain() {
    MapFile old = file(256, StoreOptions.defaults());
    old.put(key("k1"), bytes("old"));
    old.put(key("k2"), bytes("only-old"));
    MapFile newer = file(256, StoreOptions.defaults());
    newer.put(key("k1"), bytes("new")); // as a crash between "put newest" and "remove older" leaves it
    LayeredMap map = layered(newer, old);

    assertThat(get(map, key("k1"))).isEqualTo(bytes("new"));
    assertThat(get(map, key("k2"))).isEqualTo(bytes("only-old"));
    Map<String, String> seen = new HashMap<>();
    map.forEachEntry((k, v) -> seen.put(new String(k, 1, k.length - 1), new String(v)));
    assertThat(seen).isEqualTo(Map.of("k1", "new", "k2", "only-old"));

    map.resumeMaintenance();
    runMaintenance();

    assertThat(map.layers()).containsExactly(newer);
    assertThat(get(map, key("k1"))).isEqualTo(bytes("new"));
    assertThat(get(map, key("k2"))).isEqualTo(bytes("only-old"));
    assertThat(paths.get(0)).doesNotExist();
    map.retire(false);
  }

  @Test
  void aKeyRemovedBeforeItMovedStaysRemoved() {
    MapFile old = file(256, StoreOptions.defaults());
    old.put(key("k"), bytes("v"));
    LayeredMap map = layered(file(256, StoreOptions.defaults()), old);
    try (LayeredMap.Access access = map.access()) {
      access.remove(key("k"));
    }
    map.resumeMaintenance();
    runMaintenance();
    assertThat(get(map, key("k"))).isNull();
    map.retire(false);
  }

  @Test
  void aWriteDuringTheDrainWinsOverTheOldCopy() {
    MapFile old = file(256, StoreOptions.defaults());
    for (int i = 0; i < 1000; i++) {
      old.put(key("k" + i), bytes("old"));
    }
    LayeredMap map = layered(file(256, StoreOptions.defaults()), old);
    map.resumeMaintenance();
    maintenance.poll().run(); // the first batch moves; the rest still waits in the old layer
    try (LayeredMap.Access access = map.access()) {
      for (int i = 0; i < 1000; i += 2) {
        access.put(key("k" + i), bytes("new"));
      }
    }
    runMaintenance();
    assertThat(map.layers()).hasSize(1);
    for (int i = 0; i < 1000; i++) {
      assertThat(get(map, key("k" + i))).as("k%d", i).isEqualTo(bytes(i % 2 == 0 ? "new" : "old"));
    }
    map.retire(false);
  }

  @Test
  void aWriterFindingTheMapFullWaitsForABiggerLayer() throws Exception {
    StoreOptions cramped = StoreOptions.defaults().withMaxBloatFactor(2);
    MapFile small = file(64, cramped);
    LayeredMap map = layered(small);
    int written = 0;
    LayerFullException full = null;
    while (full == null) {
      try (LayeredMap.Access access = map.access()) {
        access.put(key("k" + written), value(written, 1024));
        written++;
      } catch (LayerFullException e) {
        full = e;
      }
    }
    assertThat(full.layer()).isSameAs(small);

    LayerFullException fullLayer = full;
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> map.makeRoom(fullLayer.layer()));
    awaitTrue(() -> !maintenance.isEmpty(), "growth to be scheduled");
    maintenance.poll().run();
    waiting.get(10, TimeUnit.SECONDS);

    assertThat(map.layers()).hasSize(2);
    assertThat(map.layers().get(0).entries()).isGreaterThan(64);
    try (LayeredMap.Access access = map.access()) {
      access.put(key("k" + written), value(written, 1024));
    }
    runMaintenance();
    for (int i = 0; i <= written; i++) {
      assertThat(get(map, key("k" + i))).as("k%d", i).isEqualTo(value(i, 1024));
    }
    assertThat(catchThrowableOfType(() -> small.put(key("x"), bytes("x")), RuntimeException.class))
        .as("the drained layer is closed").isNotNull();
    assertThat(Files.exists(paths.get(0))).isFalse();
    map.retire(false);
  }
}
