package io.ringkv.jmh;

import io.ringkv.ring.Claim;
import io.ringkv.ring.NodeSpec;
import io.ringkv.ring.PreferenceList;
import io.ringkv.ring.Ring;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The cost of routing one key: MD5, partition, preference list (paper §4.2). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RingBenchmark {

  private Ring ring;
  private byte[][] keys;
  private int next;

  @Setup
  public void setUp() {
    List<NodeSpec> nodes = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      nodes.add(new NodeSpec("n" + i, "rack" + (i % 4), 1));
    }
    ring = Claim.initial(256, nodes);
    keys = new byte[1024][];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = ("user:" + i).getBytes(StandardCharsets.UTF_8);
    }
  }

  @Benchmark
  public int partitionOfKey() {
    return ring.scheme().partitionOf("carts", keys[next++ & 1023]);
  }

  @Benchmark
  public PreferenceList preferenceListOfKey() {
    byte[] key = keys[next++ & 1023];
    return ring.preferenceList(ring.scheme().partitionOf("carts", key), 3);
  }
}
