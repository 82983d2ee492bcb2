package io.ringkv.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ChronicleStoreTest extends PartitionedStoreContract {

  static final StoreOptions OPTIONS = StoreOptions.defaults();

  @Override
  PartitionedStore openStore(Path dataDir) {
    return ChronicleStore.open(dataDir, OPTIONS);
  }

  @Override
  long initialCapacity() {
    return OPTIONS.initialEntries();
  }

  ChronicleStore chronicle() {
    return (ChronicleStore) store;
  }

  PartitionedStore reopen() {
    store.close();
    store = openStore(dataDir);
    return store;
  }

  @Test
  void reopenKeepsEveryKeyAndValue() {
    Map<String, byte[]> written = new HashMap<>();
    for (int i = 0; i < 2000; i++) {
      byte[] value = i % 500 == 0 ? value(i, MIB + i) : value(i, 1 + i % 3000);
      put(store, i % 16, bytes("key-" + i), value);
      written.put(i % 16 + "/key-" + i, value);
    }
    StoreStats before = store.stats();

    reopen();

    assertThat(chronicle().recovered()).isFalse();
    Map<String, byte[]> read = new HashMap<>();
    for (int p = 0; p < 16; p++) {
      int partition = p;
      store.forEach(p, (key, value) -> read.put(partition + "/" + new String(key, UTF_8), value));
    }
    assertThat(read).hasSameSizeAs(written);
    written.forEach((key, value) -> assertThat(read.get(key)).as(key).isEqualTo(value));
    StoreStats after = store.stats();
    assertThat(after.keys()).isEqualTo(before.keys());
    assertThat(after.valueBytes()).isEqualTo(before.valueBytes());
  }

  @Test
  void growthWhileWritersAndReadersRunLosesNothing() throws Exception {
    store.close();
    store = ChronicleStore.open(dataDir, OPTIONS.withInitialEntries(64));
    int writers = 2;
    int perWriter = 3000;
    AtomicInteger[] acknowledged = {new AtomicInteger(), new AtomicInteger()};
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    List<Future<?>> writes = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      writes.add(pool.submit(() -> {
        for (int i = 0; i < perWriter; i++) {
          put(store, 0, bytes(writer + "-" + i), value(i, 1024));
          acknowledged[writer].set(i + 1);
        }
        return null;
      }));
    }
    // A key once acknowledged must be readable at every moment, also while it moves between maps.
    Future<Integer> reader = pool.submit(() -> {
      int checks = 0;
      while (writing.get()) {
        for (int w = 0; w < writers; w++) {
          int upTo = acknowledged[w].get();
          if (upTo > 0) {
            int i = checks % upTo;
            assertThat(store.get(0, bytes(w + "-" + i))).as("%d-%d", w, i).isEqualTo(value(i, 1024));
            checks++;
          }
        }
      }
      return checks;
    });
    for (Future<?> f : writes) {
      f.get(60, TimeUnit.SECONDS);
    }
    writing.set(false);
    assertThat(reader.get(10, TimeUnit.SECONDS)).isPositive();
    pool.shutdown();

    for (int w = 0; w < writers; w++) {
      for (int i = 0; i < perWriter; i++) {
        assertThat(store.get(0, bytes(w + "-" + i))).as("%d-%d", w, i).isEqualTo(value(i, 1024));
      }
    }
    assertThat(store.stats().keys()).isEqualTo(writers * perWriter);
    assertThat(chronicle().layers(0).get(0).entries()).isGreaterThan(64);
    // The drain finishes in the background and deletes the old files.
    awaitOneFile(0);
  }

  @Test
  void dropPartitionDeletesItsFile() throws IOException {
    put(store, 1, bytes("a"), bytes("1"));
    put(store, 2, bytes("a"), bytes("2"));
    assertThat(filesOf("p1")).hasSize(1);
    store.dropPartition(1);
    assertThat(filesOf("p1")).isEmpty();
    assertThat(filesOf("p2")).hasSize(1);
    assertThat(store.stats().partitions()).isEqualTo(1);
  }

  @Test
  void aNodeWith256PartitionsStaysSmallOnDisk() {
    store.close();
    Path node = dataDir.resolve("node");
    try (PartitionedStore empty = ChronicleStore.open(node, OPTIONS)) {
      assertThat(empty.stats().partitions()).isZero();
    }
    long emptyBytes = DiskUsage.allocatedBytes(node);

    try (PartitionedStore written = ChronicleStore.open(node, OPTIONS)) {
      for (int p = 0; p < 256; p++) {
        put(written, p, bytes("first"), value(p, 1024));
      }
      assertThat(written.stats().partitions()).isEqualTo(256);
    }
    long writtenBytes = DiskUsage.allocatedBytes(node);
    System.out.printf(
        "256 partitions on disk: empty %s, after one write to each %s%n",
        DiskUsage.mib(emptyBytes), DiskUsage.mib(writtenBytes));
    assertThat(emptyBytes).isLessThan(700L * 1000 * 1000);
    assertThat(writtenBytes).isLessThan(700L * 1000 * 1000);
    store = ChronicleStore.open(dataDir, OPTIONS);
  }

  @Test
  void tenTimesTheInitialCapacityMovesToBiggerMapsAndDeletesTheOldOnes() throws IOException {
    long keys = 10 * initialCapacity();
    for (int i = 0; i < keys; i++) {
      put(store, 3, bytes("key-" + i), value(i, 1024));
    }
    // Growth is the maintenance thread's work, asynchronous to the writes: wait for the bigger map.
    awaitTrue(
        () -> chronicle().layers(3).size() == 1
            && filesOf("p3").size() == 1
            && chronicle().layers(3).get(0).entries() > initialCapacity(),
        "partition 3 to move into one bigger map");
    for (int i = 0; i < keys; i++) {
      assertThat(store.get(3, bytes("key-" + i))).as("key-%d", i).isEqualTo(value(i, 1024));
    }
  }

  @Test
  void newPartitionsTakeSparesAndOnlyAFewSparesAreKept() throws IOException {
    for (int p = 0; p < 40; p++) {
      put(store, p, bytes("k"), bytes("v"));
    }
    store.close();
    try (Stream<Path> files = Files.list(dataDir.resolve("partitions"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".spare"))).hasSizeLessThanOrEqualTo(4);
    }
    reopen();
    for (int p = 0; p < 40; p++) {
      assertThat(store.get(p, bytes("k"))).isEqualTo(bytes("v"));
    }
  }

  @Test
  void aDirectoryIsUsedByOneStoreAtATime() {
    assertThatThrownBy(() -> ChronicleStore.open(dataDir, OPTIONS))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("already open");
  }

  @Test
  void closedStoreRefusesCalls() {
    store.close();
    assertThatThrownBy(() -> store.get(0, bytes("k"))).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> put(store, 0, bytes("k"), bytes("v")))
        .isInstanceOf(StorageException.class);
  }

  /** Waits until growth and drains of the partition are over: one map file left. */
  void awaitOneFile(int partition) {
    awaitTrue(
        () -> chronicle().layers(partition).size() == 1 && filesOf("p" + partition).size() == 1,
        "partition " + partition + " to settle in one file");
  }

  List<Path> filesOf(String partitionName) {
    try (Stream<Path> files = Files.list(dataDir.resolve("partitions"))) {
      return files.filter(f -> f.getFileName().toString().startsWith(partitionName + "-")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void awaitTrue(BooleanSupplier condition, String what) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
      Thread.onSpinWait();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
