package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringkv local} as a user runs it: it prints where its nodes listen, and a stop signal —
 * while the nodes are still starting or once they run — closes every store cleanly, quietly, so
 * that the next start recovers nothing. The signal is SIGTERM ({@link Process#destroy}); Ctrl-C's
 * SIGINT runs the same shutdown hooks in the JVM.
 */
class LocalProcessIT {

  private static final Duration START = Duration.ofSeconds(90);
  private static final Pattern URL_LINE = Pattern.compile(
      "(?m)^n1  http://127\\.0\\.0\\.1:\\d+  grpc 127\\.0\\.0\\.1:\\d+  peer 127\\.0\\.0\\.1:\\d+$");

  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void a_stop_signal_while_starting_or_running_closes_every_store_cleanly() throws Exception {
    int offset = freePortOffset();
    Path data = dir.resolve("data");

    Process starting = start(data, offset, "starting.log");
    try {
      // n1 is bound, n2 is opening its store: the nodes are starting one after the other.
      Eventually.get(() -> Files.exists(data.resolve("n2/partitions/lock")), opened -> opened, START);
      stopped(starting, "starting.log");
    } finally {
      starting.destroyForcibly();
    }

    // Just started: the storage threads are still making spare maps when the signal comes.
    for (String run : List.of("second.log", "third.log")) {
      Process running = start(data, offset, run);
      try {
        String out = Eventually.get(() -> log(run), text -> text.contains("Ctrl-C stops"), START);
        assertThat(out).as("the start after a stop").doesNotContain("not shut down cleanly");
        assertThat(out).as("local prints its URLs").containsPattern(URL_LINE).contains("n2  http://", "n3  http://");
        stopped(running, run);
      } finally {
        running.destroyForcibly();
      }
    }
  }

  private void stopped(Process process, String log) throws Exception {
    process.destroy();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s; its log:%n%s", log(log)).isTrue();
    assertThat(log(log))
        .as("a stop is expected, not a failure: no stack trace")
        .doesNotContain("Exception", "cannot make a spare map", "not closed cleanly");
  }

  private Process start(Path data, int offset, String log) throws IOException {
    List<String> command = NodeProcesses.ringkv(NodeProcesses.jar(), List.of(
        "local", "--data-dir", data.toString(), "--port-offset", String.valueOf(offset), "--event-loops", "1"));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(log).toFile())
        .start();
  }

  private String log(String name) throws IOException {
    Path log = dir.resolve(name);
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** An offset at which the nine fixed ports of a 3-node {@code local} are all free now. */
  private static int freePortOffset() throws IOException {
    for (int offset = 10_000; offset < 10_900; offset += 10) {
      if (allFree(offset)) {
        return offset;
      }
    }
    throw new IllegalStateException("no free ports for a local cluster");
  }

  private static boolean allFree(int offset) {
    for (int base : List.of(8080, 9090, 7070)) {
      for (int i = 1; i <= 3; i++) {
        try (ServerSocket probe = new ServerSocket(base + i + offset, 1, InetAddress.getLoopbackAddress())) {
          // free
        } catch (IOException taken) {
          return false;
        }
      }
    }
    return true;
  }
}
