package io.ringkv.storage;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Measures what the Chronicle store costs: disk of an empty and a touched 256-partition node,
 * disk and memory per key at 1 KiB values, first-write latency of a partition, and the time to
 * reopen 256 maps cleanly and after a crash. Not a test; run it by hand:
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java $CHRONICLE_FLAGS -Xmx1g -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     io.ringkv.storage.StorageFootprint /tmp/footprint 100000
 * </pre>
 */
public final class StorageFootprint {

  private static final int PARTITIONS = 256;

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/ringkv-footprint");
    int keys = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int valueSize = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
    deleteRecursively(dir);
    StoreOptions options = StoreOptions.defaults();

    long t0 = System.nanoTime();
    ChronicleStore store = ChronicleStore.open(dir, options);
    report("open empty store (includes Chronicle code generation)", millis(t0));
    report("disk, 256 partitions, no data", DiskUsage.mib(DiskUsage.allocatedBytes(dir)));

    long[] spaced = new long[16];
    long[] firstWrite = new long[PARTITIONS - spaced.length];
    for (int p = 0; p < firstWrite.length; p++) {
      long start = System.nanoTime();
      store.update(p, "first".getBytes(UTF_8), current -> new byte[valueSize]);
      firstWrite[p] = System.nanoTime() - start;
    }
    Arrays.sort(firstWrite);
    int n = firstWrite.length;
    report(
        "first write to 240 partitions back to back",
        String.format(
            "median %.1f ms, p99 %.1f ms, max %.1f ms",
            firstWrite[n / 2] / 1e6, firstWrite[n * 99 / 100] / 1e6, firstWrite[n - 1] / 1e6));
    // Spaced out, as first writes usually come: a spare map is ready each time.
    for (int p = 0; p < spaced.length; p++) {
      int partition = PARTITIONS - spaced.length + p;
      Thread.sleep(100);
      long start = System.nanoTime();
      store.update(partition, "first".getBytes(UTF_8), current -> new byte[valueSize]);
      spaced[p] = System.nanoTime() - start;
    }
    Arrays.sort(spaced);
    report(
        "first write to a partition, spare ready",
        String.format("median %.2f ms, max %.2f ms", spaced[8] / 1e6, spaced[15] / 1e6));

    long touched = DiskUsage.allocatedBytes(dir);
    report("disk, 256 partitions, one key each", DiskUsage.mib(touched));
    report("disk per empty partition map", (touched / PARTITIONS / 1024) + " KiB");

    Memory before = Memory.now();
    long diskBefore = DiskUsage.allocatedBytes(dir);
    t0 = System.nanoTime();
    for (int i = 0; i < keys; i++) {
      byte[] key = ("key-" + i).getBytes(UTF_8);
      byte[] value = PartitionedStoreContract.value(i, valueSize);
      store.update(Math.floorMod(Arrays.hashCode(key), PARTITIONS), key, current -> value);
    }
    double writeSeconds = (System.nanoTime() - t0) / 1e9;
    report(keys + " writes of " + valueSize + " B", String.format("%.0f/s", keys / writeSeconds));
    awaitDrains(store);
    t0 = System.nanoTime();
    for (int i = 0; i < keys; i++) {
      byte[] key = ("key-" + i).getBytes(UTF_8);
      if (store.get(Math.floorMod(Arrays.hashCode(key), PARTITIONS), key) == null) {
        throw new IllegalStateException("lost key-" + i);
      }
    }
    report(keys + " reads", String.format("%.0f/s", keys / ((System.nanoTime() - t0) / 1e9)));
    t0 = System.nanoTime();
    for (int i = 0; i < keys; i++) {
      byte[] key = ("key-" + i).getBytes(UTF_8);
      byte[] value = PartitionedStoreContract.value(i + 1, valueSize);
      store.update(Math.floorMod(Arrays.hashCode(key), PARTITIONS), key, current -> value);
    }
    report(keys + " overwrites (maps grown)",
        String.format("%.0f/s", keys / ((System.nanoTime() - t0) / 1e9)));
    Memory after = Memory.now();
    long diskAfter = DiskUsage.allocatedBytes(dir);
    report("store stats", store.stats().toString());
    report("disk per key, added", String.format("%.0f B", (diskAfter - diskBefore) / (double) keys));
    report("disk per key, whole store", String.format("%.0f B", diskAfter / (double) keys));
    report("RSS anon per key (heap, malloc)", perKey(after.rssAnon - before.rssAnon, keys));
    report("RSS file per key (mapped Chronicle pages)", perKey(after.rssFile - before.rssFile, keys));
    report("heap used per key (after GC)", perKey(after.heapUsed - before.heapUsed, keys));
    report("heap committed per key", perKey(after.heapCommitted - before.heapCommitted, keys));
    report("process RSS now: anon, file",
        DiskUsage.mib(after.rssAnon) + ", " + DiskUsage.mib(after.rssFile));
    store.close();

    t0 = System.nanoTime();
    store = ChronicleStore.open(dir, options);
    report("reopen 256 maps after clean close", millis(t0));
    report("keys after reopen", String.valueOf(store.stats().keys()));
    store.close();

    Files.delete(dir.resolve("partitions").resolve("clean-shutdown"));
    t0 = System.nanoTime();
    store = ChronicleStore.open(dir, options);
    report("reopen 256 maps with recoverPersistedTo", millis(t0) + ", recovered=" + store.recovered());
    store.close();
  }

  private static void awaitDrains(ChronicleStore store) throws InterruptedException {
    long t0 = System.nanoTime();
    for (int p = 0; p < PARTITIONS; p++) {
      while (store.layers(p).size() > 1) {
        Thread.sleep(10);
      }
    }
    report("background drains finished after the writes", millis(t0));
  }

  private record Memory(long rssAnon, long rssFile, long heapUsed, long heapCommitted) {
    static Memory now() throws IOException {
      System.gc();
      Runtime runtime = Runtime.getRuntime();
      long heapUsed = runtime.totalMemory() - runtime.freeMemory();
      List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
      return new Memory(
          kib(status, "RssAnon:"), kib(status, "RssFile:"), heapUsed, runtime.totalMemory());
    }

    private static long kib(List<String> status, String field) {
      return status.stream()
              .filter(line -> line.startsWith(field))
              .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
              .findFirst()
              .orElse(0)
          * 1024;
    }
  }

  private static String perKey(long bytes, int keys) {
    return String.format("%.0f B", bytes / (double) keys);
  }

  private static String millis(long since) {
    return String.format("%.0f ms", (System.nanoTime() - since) / 1e6);
  }

  private static void report(String what, String figure) {
    System.out.printf("%-50s %s%n", what, figure);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  private StorageFootprint() {}
}
