package io.ringkv.jmh;

import io.ringkv.version.ConflictMode;
import io.ringkv.version.ContextCodec;
import io.ringkv.version.InvalidContextException;
import io.ringkv.version.SiblingSet;
import io.ringkv.version.SiblingSetCodec;
import io.ringkv.version.VersionVector;
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

/** Dotted version vectors on the hot path: coordinate, merge, and both codecs, 1 KiB values. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VersionBenchmark {

  private final byte[] value = new byte[1024];
  private SiblingSet oneValue;
  private SiblingSet twoSiblings;
  private SiblingSet concurrent;
  private byte[] encodedTwoSiblings;
  private byte[] context;

  @Setup
  public void setUp() {
    SiblingSet base =
        SiblingSet.empty().coordinate("n1@a", VersionVector.empty(), value, "text/plain", false, 1, ConflictMode.SIBLINGS);
    oneValue = base;
    twoSiblings = base.coordinate("n2@b", VersionVector.empty(), value, "text/plain", false, 2, ConflictMode.SIBLINGS);
    concurrent =
        base.coordinate("n3@c", base.context(), value, "text/plain", false, 3, ConflictMode.SIBLINGS);
    encodedTwoSiblings = SiblingSetCodec.encode(twoSiblings);
    context = ContextCodec.toBytes(twoSiblings.context());
  }

  @Benchmark
  public SiblingSet coordinateWrite() {
    return oneValue.coordinate("n1@a", oneValue.context(), value, "text/plain", false, 10, ConflictMode.SIBLINGS);
  }

  @Benchmark
  public SiblingSet mergeConcurrent() {
    return twoSiblings.merge(concurrent, ConflictMode.SIBLINGS);
  }

  /**
   * A set remembers its encoding, so encoding the same set twice costs nothing: measure a merge
   * (a fresh set) followed by its encoding, and subtract {@link #mergeConcurrent}.
   */
  @Benchmark
  public byte[] mergeThenEncode() {
    return SiblingSetCodec.encode(twoSiblings.merge(concurrent, ConflictMode.SIBLINGS));
  }

  @Benchmark
  public SiblingSet decodeSiblingSet() {
    return SiblingSetCodec.decode(encodedTwoSiblings);
  }

  @Benchmark
  public VersionVector decodeContext() throws InvalidContextException {
    return ContextCodec.fromBytes(context);
  }

  @Benchmark
  public long digest() {
    return twoSiblings.digest();
  }
}
