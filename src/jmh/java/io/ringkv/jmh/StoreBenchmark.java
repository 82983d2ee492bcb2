package io.ringkv.jmh;

import io.ringkv.storage.ChronicleStore;
import io.ringkv.storage.PartitionedStore;
import io.ringkv.storage.StoreOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Chronicle Map partition store: put (an atomic update) and get of 1 KiB values. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StoreBenchmark {

  private static final int KEYS = 10_000;
  private static final int PARTITIONS = 16;

  private final byte[] value = new byte[1024];
  private Path directory;
  private PartitionedStore store;
  private byte[][] keys;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    directory = Files.createTempDirectory("ringkv-jmh-store");
    store = ChronicleStore.open(directory, StoreOptions.defaults());
    keys = new byte[KEYS][];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = ByteBuffer.allocate(12).putInt(i).putLong(i * 0x9E3779B97F4A7C15L).array();
      store.update(i % PARTITIONS, keys[i], old -> value);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    try (var paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Benchmark
  public byte[] put1KiB() {
    int i = next++ % KEYS;
    return store.update(i % PARTITIONS, keys[i], old -> value);
  }

  @Benchmark
  public byte[] get1KiB() {
    int i = next++ % KEYS;
    return store.get(i % PARTITIONS, keys[i]);
  }
}
