package io.ringkv.storage;

import static io.ringkv.storage.CrashingWriter.PARTITIONS;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a writing process: every write it acknowledged is there after reopening, and the
 * first write to each partition does not hang on a segment lock the dead process held.
 */
class ChronicleStoreCrashTest {

  static final int ACKS_BEFORE_KILL = 3000;

  @TempDir Path dataDir;

  @Test
  void everyAcknowledgedWriteSurvivesKillDashNine() throws Exception {
    Process child = startWriter();
    int lastAck;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
      lastAck = readAcks(out, child, ACKS_BEFORE_KILL);
      // SIGKILL, through the handle: Process.destroyForcibly would also close our end of the pipe,
      // and the acks already in it were acknowledged too.
      assertThat(child.toHandle().destroyForcibly()).isTrue();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      lastAck = Math.max(lastAck, readAcks(out, child, Integer.MAX_VALUE));
    }

    try (ChronicleStore store = ChronicleStore.open(dataDir, StoreOptions.defaults())) {
      assertThat(store.recovered()).as("opened after an unclean stop").isTrue();
      for (int i = 0; i <= lastAck; i++) {
        assertThat(store.get(CrashingWriter.partitionOf(i), CrashingWriter.keyOf(i)))
            .as("acknowledged key-%d", i)
            .isEqualTo(CrashingWriter.valueOf(i));
      }
      for (int p = 0; p < PARTITIONS; p++) {
        long start = System.nanoTime();
        store.update(p, "after-crash".getBytes(UTF_8), current -> new byte[] {1});
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("first write to partition %d after the crash", p)
            .isLessThan(Duration.ofSeconds(1));
      }
    }
  }

  private Process startWriter() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(chronicleFlags());
    command.addAll(List.of(
        "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        CrashingWriter.class.getName(), dataDir.toString()));
    return new ProcessBuilder(command)
        .redirectError(dataDir.resolveSibling(dataDir.getFileName() + "-child.err").toFile())
        .start();
  }

  /** The flags this JVM got for Chronicle (STACK.md), passed on to the child. */
  private static List<String> chronicleFlags() {
    List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle."))
        .toList();
    assertThat(flags).as("Chronicle flags of this JVM").contains("-Dchronicle.analytics.disable=true");
    return flags;
  }

  /** Reads acks until {@code wanted} of them, or end of stream; returns the last one read. */
  private static int readAcks(BufferedReader out, Process child, int wanted) throws IOException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    int last = -1;
    int count = 0;
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("ACK ")) {
        int ack = Integer.parseInt(line.substring(4));
        assertThat(ack).as("acks in order").isEqualTo(last < 0 ? ack : last + 1);
        last = ack;
        if (++count >= wanted) {
          break;
        }
      }
      assertThat(Instant.now()).as("child acknowledging writes in time").isBefore(deadline);
    }
    if (wanted != Integer.MAX_VALUE) {
      assertThat(count).as("acks before the child stopped (alive: %s)", child.isAlive())
          .isEqualTo(wanted);
    }
    return last;
  }
}
