package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Always writeable under a crash: a client writes at a fixed rate to four of five real node
 * processes while the fifth is killed with SIGKILL and restarted. At W=2 with N=3 no write may
 * fail: the coordinators walk past the dead node to fallbacks, which hand their hints over once it
 * is back. Latency percentiles per phase are written to {@code target/reliability/availability.md}
 * (a report for docs/reliability.md, not an assertion: timed targets belong in benchmarks).
 */
class AvailabilityProcessIT {

  private static final int NODES = 5;
  private static final int VICTIM = 4;
  private static final int RATE = Integer.getInteger("ringkv.availability.rate", 100);
  private static final Duration PHASE = Duration.ofSeconds(Long.getLong("ringkv.availability.phaseSeconds", 10));
  private static final Duration STARTUP = Duration.ofSeconds(180);

  @Test
  void a_steady_writer_sees_no_failed_write_while_a_node_is_killed_and_restarted() throws Exception {
    try (NodeProcesses processes = new NodeProcesses(NODES); HttpKv kv = new HttpKv()) {
      AdminProbe admin = new AdminProbe(kv);
      processes.startAll(kv, STARTUP);
      List<String> survivors = new ArrayList<>();
      for (int i = 0; i < NODES; i++) {
        if (i != VICTIM) {
          survivors.add(processes.ports(i).httpUrl());
        }
      }

      List<SteadyWriter.PhaseStats> stats;
      List<String> acknowledged;
      try (SteadyWriter writer = new SteadyWriter(survivors, RATE, "steady")) {
        // Unmeasured: JIT compilation and the first write to each partition map (created lazily)
        // stall fresh JVMs for seconds, which has nothing to do with a crash.
        writer.start("warmup");
        Thread.sleep(2 * PHASE.toMillis()); // the load runs on its own; the test only marks phases
        writer.phase("before");
        Thread.sleep(PHASE.toMillis());
        writer.phase("during");
        processes.kill(VICTIM);
        Thread.sleep(PHASE.toMillis());
        processes.start(VICTIM);
        processes.awaitReady(VICTIM, kv, STARTUP);
        writer.phase("after");
        Thread.sleep(PHASE.toMillis());
        writer.stop();
        stats = writer.stats();
        acknowledged = writer.acknowledged();
        keepLogs(processes);
        assertThat(writer.failures().stream().filter(failure -> !failure.startsWith("warmup")))
            .as("failed writes at W=2 with one node of five killed")
            .isEmpty();
      }
      report(stats);

      for (int i = 0; i < NODES; i++) {
        String url = processes.ports(i).httpUrl();
        Eventually.get(() -> admin.pendingHints(url), pending -> pending == 0, Duration.ofSeconds(30));
      }
      String victim = processes.ports(VICTIM).httpUrl();
      for (int i = 0; i < acknowledged.size(); i += 25) {
        String key = acknowledged.get(i);
        String value = "v-" + key.substring(2);
        assertThat(kv.getJson(survivors.get(0), "steady", key, "r=2").siblingValues()).as(key).containsExactly(value);
        if (admin.placement(victim, "steady", key).primaries().contains("n" + (VICTIM + 1))) {
          assertThat(admin.localValues(victim, "steady", key)).as("%s on the restarted owner", key).containsExactly(value);
        }
      }
    }
  }

  /** The nodes' logs next to the report, to read when a write failed. */
  private static void keepLogs(NodeProcesses processes) throws IOException {
    Path dir = Path.of("target", "reliability");
    Files.createDirectories(dir);
    for (int i = 0; i < NODES; i++) {
      Files.writeString(dir.resolve("n" + (i + 1) + ".log"), processes.log(i));
    }
  }

  private static void report(List<SteadyWriter.PhaseStats> stats) throws IOException {
    StringBuilder table = new StringBuilder();
    table.append("| phase | writes | failed | p50 ms | p99 ms | p99.9 ms | max ms |\n");
    table.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (SteadyWriter.PhaseStats phase : stats) {
      table.append(
          String.format(
              "| %s | %d | %d | %.1f | %.1f | %.1f | %.1f |%n",
              phase.phase(),
              phase.writes(),
              phase.failed(),
              phase.micros().getValueAtPercentile(50) / 1000.0,
              phase.micros().getValueAtPercentile(99) / 1000.0,
              phase.micros().getValueAtPercentile(99.9) / 1000.0,
              phase.micros().getMaxValue() / 1000.0));
    }
    String text =
        String.format(
            "%d writes/s at W=2 (N=3) over nodes n1-n4 (request timeout 5 s), open loop; 'warmup' is not asserted; n%d killed"
                + " with SIGKILL at the start of 'during' and restarted after %d s; 'after' starts once it is"
                + " ready again.%n%n%s",
            RATE, VICTIM + 1, PHASE.toSeconds(), table);
    System.out.println(text);
    Path out = Path.of("target", "reliability", "availability.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, text);
  }
}
