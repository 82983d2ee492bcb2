package io.ringkv.storage;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child process of {@link ChronicleStoreCrashTest}: writes keys to every partition in a loop
 * and prints {@code ACK <i>} after each write returned, until it is killed.
 */
public final class CrashingWriter {

  static final int PARTITIONS = 256;

  public static void main(String[] args) {
    ChronicleStore store = ChronicleStore.open(Path.of(args[0]), StoreOptions.defaults());
    PrintStream out = System.out;
    for (int i = 0; ; i++) {
      byte[] value = valueOf(i);
      store.update(partitionOf(i), keyOf(i), current -> value);
      out.println("ACK " + i);
      out.flush();
    }
  }

  static int partitionOf(int i) {
    return i % PARTITIONS;
  }

  static byte[] keyOf(int i) {
    return ("key-" + i).getBytes(UTF_8);
  }

  /** Mostly small values, and now and then one stored in chunks. */
  static byte[] valueOf(int i) {
    return PartitionedStoreContract.value(i, i % 97 == 13 ? 300 * 1024 + i : 100 + i % 2000);
  }

  private CrashingWriter() {}
}
