package io.ringkv.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link PartitionedStore} must do; one subclass per implementation. */
abstract class PartitionedStoreContract {

  static final int MIB = 1024 * 1024;

  @TempDir Path dataDir;
  PartitionedStore store;

  /** A new store in {@code dataDir}. */
  abstract PartitionedStore openStore(Path dataDir);

  /** Keys of 1 KiB values that one new partition is sized for. */
  abstract long initialCapacity();

  @BeforeEach
  void open() {
    store = openStore(dataDir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  /** A value whose bytes depend on {@code seed}, so that mixed-up values are caught. */
  static byte[] value(int seed, int length) {
    byte[] value = new byte[length];
    for (int i = 0; i < length; i++) {
      value[i] = (byte) (seed * 31 + i * 7);
    }
    return value;
  }

  static byte[] put(PartitionedStore store, int partition, byte[] key, byte[] value) {
    return store.update(partition, key, current -> value);
  }

  @Test
  void absentKeyReadsAsNull() {
    assertThat(store.get(3, bytes("nothing"))).isNull();
    assertThat(store.update(3, bytes("nothing"), current -> null)).isNull();
    assertThat(store.partitions()).isEmpty();
  }

  @Test
  void updateSeesTheCurrentValueAndStoresTheResult() {
    assertThat(store.update(1, bytes("k"), current -> {
      assertThat(current).isNull();
      return bytes("one");
    })).isEqualTo(bytes("one"));
    byte[] now = store.update(1, bytes("k"), current -> {
      assertThat(current).isEqualTo(bytes("one"));
      return bytes("one+two");
    });
    assertThat(now).isEqualTo(bytes("one+two"));
    assertThat(store.get(1, bytes("k"))).isEqualTo(bytes("one+two"));
  }

  @Test
  void updateReturningNullRemovesTheKey() {
    put(store, 1, bytes("k"), bytes("v"));
    assertThat(store.update(1, bytes("k"), current -> null)).isNull();
    assertThat(store.get(1, bytes("k"))).isNull();
    assertThat(store.stats().keys()).isZero();
  }

  @Test
  void updateReturningItsArgumentKeepsTheValue() {
    put(store, 1, bytes("k"), bytes("v"));
    assertThat(store.update(1, bytes("k"), current -> current)).isEqualTo(bytes("v"));
    assertThat(store.get(1, bytes("k"))).isEqualTo(bytes("v"));
  }

  @Test
  void partitionsAreSeparateMaps() {
    put(store, 0, bytes("k"), bytes("zero"));
    put(store, 255, bytes("k"), bytes("last"));
    assertThat(store.get(0, bytes("k"))).isEqualTo(bytes("zero"));
    assertThat(store.get(255, bytes("k"))).isEqualTo(bytes("last"));
    assertThat(store.get(1, bytes("k"))).isNull();
    assertThat(store.partitions()).containsExactlyInAnyOrder(0, 255);
  }

  @Test
  void forEachSeesEveryKeyOfItsPartitionAndNoOther() {
    Map<String, byte[]> expected = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      put(store, 7, bytes("key-" + i), value(i, 100 + i));
      expected.put("key-" + i, value(i, 100 + i));
      put(store, 8, bytes("other-" + i), value(i, 10));
    }
    Map<String, byte[]> seen = new HashMap<>();
    store.forEach(7, (key, value) -> seen.put(new String(key, UTF_8), value));

    assertThat(seen).hasSameSizeAs(expected);
    expected.forEach((key, value) -> assertThat(seen.get(key)).as(key).isEqualTo(value));
  }

  @Test
  void forEachVisitorMayWriteToTheStore() {
    for (int i = 0; i < 100; i++) {
      put(store, 2, bytes("k" + i), bytes("v" + i));
    }
    store.forEach(2, (key, value) -> store.update(2, key, current -> bytes("visited")));
    for (int i = 0; i < 100; i++) {
      assertThat(store.get(2, bytes("k" + i))).isEqualTo(bytes("visited"));
    }
  }

  @Test
  void concurrentUpdatesOfOneKeyKeepEveryChange() throws Exception {
    int threads = 4;
    int perThread = 300;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String writer = "w" + t;
      done.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perThread; i++) {
          String marker = writer + ":" + i + ";";
          store.update(5, bytes("shared"), current -> append(current, bytes(marker)));
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    String merged = new String(store.get(5, bytes("shared")), UTF_8);
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        assertThat(merged).contains("w" + t + ":" + i + ";");
      }
    }
    assertThat(merged.split(";")).hasSize(threads * perThread);
  }

  static byte[] append(byte[] current, byte[] more) {
    if (current == null) {
      return more.clone();
    }
    byte[] joined = Arrays.copyOf(current, current.length + more.length);
    System.arraycopy(more, 0, joined, current.length, more.length);
    return joined;
  }

  @Test
  void writingTenTimesTheInitialCapacityKeepsEveryKey() {
    long keys = 10 * initialCapacity();
    for (int i = 0; i < keys; i++) {
      put(store, 9, bytes("key-" + i), value(i, 1024));
    }
    for (int i = 0; i < keys; i++) {
      assertThat(store.get(9, bytes("key-" + i))).as("key-%d", i).isEqualTo(value(i, 1024));
    }
    assertThat(store.stats().keys()).isEqualTo(keys);
  }

  @Test
  void largeValueWithASiblingRoundTrips() {
    // The contract's largest value (1 MiB) stored with a second sibling beside it.
    byte[] siblings = value(42, 2 * MIB + 100 * 1024);
    assertThat(put(store, 4, bytes("big"), siblings)).isEqualTo(siblings);
    assertThat(store.get(4, bytes("big"))).isEqualTo(siblings);

    Map<String, byte[]> seen = new HashMap<>();
    store.forEach(4, (key, value) -> seen.put(new String(key, UTF_8), value));
    assertThat(seen).containsOnlyKeys("big");
    assertThat(seen.get("big")).isEqualTo(siblings);
    assertThat(store.stats().keys()).isEqualTo(1);
    assertThat(store.stats().valueBytes()).isEqualTo(siblings.length);
  }

  @Test
  void largeValuesCanGrowShrinkAndGo() {
    byte[] big = value(1, MIB + 1);
    byte[] bigger = value(2, 2 * MIB + 3);
    put(store, 4, bytes("k"), big);
    assertThat(store.update(4, bytes("k"), current -> {
      assertThat(current).isEqualTo(big);
      return bigger;
    })).isEqualTo(bigger);
    assertThat(store.get(4, bytes("k"))).isEqualTo(bigger);
    put(store, 4, bytes("k"), bytes("small"));
    assertThat(store.get(4, bytes("k"))).isEqualTo(bytes("small"));
    put(store, 4, bytes("k"), big);
    assertThat(store.update(4, bytes("k"), current -> null)).isNull();
    assertThat(store.get(4, bytes("k"))).isNull();
    assertThat(store.stats().keys()).isZero();
    assertThat(store.stats().valueBytes()).isZero();
  }

  @Test
  void dropPartitionRemovesItsDataOnly() {
    put(store, 1, bytes("a"), bytes("1"));
    put(store, 2, bytes("a"), bytes("2"));
    store.dropPartition(1);
    assertThat(store.get(1, bytes("a"))).isNull();
    assertThat(store.get(2, bytes("a"))).isEqualTo(bytes("2"));
    assertThat(store.partitions()).containsExactly(2);
    List<byte[]> left = new ArrayList<>();
    store.forEach(1, (key, value) -> left.add(key));
    assertThat(left).isEmpty();

    put(store, 1, bytes("b"), bytes("again"));
    assertThat(store.get(1, bytes("b"))).isEqualTo(bytes("again"));
    assertThat(store.get(1, bytes("a"))).isNull();
  }

  @Test
  void statsCountKeysAndValueBytes() {
    put(store, 1, bytes("a"), new byte[10]);
    put(store, 1, bytes("b"), new byte[20]);
    put(store, 2, bytes("a"), new byte[30]);
    put(store, 1, bytes("a"), new byte[15]);
    StoreStats stats = store.stats();
    assertThat(stats.keys()).isEqualTo(3);
    assertThat(stats.valueBytes()).isEqualTo(65);
    assertThat(stats.partitions()).isEqualTo(2);
  }

  @Test
  void returnedArraysAreNotShared() {
    byte[] written = bytes("value");
    put(store, 1, bytes("k"), written);
    written[0] = 'X';
    byte[] read = store.get(1, bytes("k"));
    read[1] = 'Y';
    assertThat(store.get(1, bytes("k"))).isEqualTo(bytes("value"));
  }
}
