package io.ringkv.cli.bench;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The result of a bench run: per operation and in total, as text for people or JSON for scripts. */
public final class BenchReport {

  private static final String ROW = "%-6s %10s %8s %10s %11s %9s %9s %9s %9s %9s%n";

  private final BenchConfig config;
  private final LoadGenerator.PhaseResult measured;
  private final LoadGenerator.PhaseResult prefill;
  private final OperationStats total;

  BenchReport(BenchConfig config, LoadGenerator.PhaseResult measured, LoadGenerator.PhaseResult prefill) {
    this.config = config;
    this.measured = measured;
    this.prefill = prefill;
    this.total = measured.measurements().total();
  }

  public BenchConfig config() {
    return config;
  }

  public OperationStats stats(Operation operation) {
    return measured.measurements().stats(operation);
  }

  public OperationStats total() {
    return total;
  }

  /** Completed requests per second of {@code stats}, over the measured time. */
  public double throughput(OperationStats stats) {
    return measured.throughput(stats.count());
  }

  /** From the end of warmup to the last measured completion. */
  public double elapsedSeconds() {
    return measured.elapsedNanos() / 1e9;
  }

  /** Open loop: scheduled requests not sent because {@code --max-outstanding} were in flight. */
  public long dropped() {
    return measured.measurements().dropped();
  }

  /** The prefill's put figures, or null when there was no prefill. */
  public OperationStats prefillStats() {
    return prefill == null ? null : prefill.measurements().total();
  }

  public String toText() {
    StringBuilder text = new StringBuilder();
    text.append("ringkv bench: ").append(config.describe()).append('\n');
    if (prefill != null) {
      OperationStats puts = prefillStats();
      text.append(String.format(Locale.ROOT, "prefill: %d puts, %d errors, %.1f s, %.0f ops/s%n",
          puts.count(), puts.errors(), prefill.elapsedNanos() / 1e9, prefill.throughput(puts.count())));
    }
    text.append(String.format(Locale.ROOT, "measured: %.2f s after %s warmup%n", elapsedSeconds(),
        config.warmup().toMillis() / 1000.0 + " s"));
    text.append(String.format(Locale.ROOT, ROW, "op", "count", "errors", "not-found", "ops/s",
        "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"));
    for (Operation operation : Operation.values()) {
      appendRow(text, operation.label(), stats(operation));
    }
    appendRow(text, "total", total);
    text.append(String.format(Locale.ROOT,
        "latency is measured from each request's %s; service time (from the actual send, what a naive"
            + " tool shows): p50 %.3f  p99 %.3f  p99.9 %.3f  max %.3f ms%n",
        config.mode() == LoadMode.OPEN ? "intended start (coordinated-omission-corrected)" : "send",
        total.serviceTimeMillis(50), total.serviceTimeMillis(99), total.serviceTimeMillis(99.9),
        total.maxServiceTimeMillis()));
    appendErrors(text);
    if (dropped() > 0) {
      text.append(String.format(Locale.ROOT,
          "WARNING: %d scheduled requests were NOT sent because %d requests were already in flight"
              + " (--max-outstanding). The target cannot keep up with --rate %s/s: the latencies above"
              + " understate the truth.%n", dropped(), config.maxOutstanding(), config.rate()));
    }
    return text.toString();
  }

  public JsonObject toJson() {
    JsonObject operations = new JsonObject();
    for (Operation operation : Operation.values()) {
      operations.put(operation.label(), json(stats(operation)));
    }
    JsonObject json = new JsonObject()
        .put("configLine", config.describe())
        .put("config", config.toJson())
        .put("elapsedSeconds", elapsedSeconds())
        .put("dropped", dropped())
        .put("operations", operations)
        .put("total", json(total));
    if (prefill != null) {
      OperationStats puts = prefillStats();
      json.put("prefill", new JsonObject()
          .put("count", puts.count())
          .put("errors", puts.errors())
          .put("elapsedSeconds", prefill.elapsedNanos() / 1e9)
          .put("throughput", prefill.throughput(puts.count())));
    }
    return json;
  }

  private void appendRow(StringBuilder text, String label, OperationStats stats) {
    text.append(String.format(Locale.ROOT, ROW, label, stats.count(), stats.errors(), stats.notFound(),
        String.format(Locale.ROOT, "%.1f", throughput(stats)),
        ms(stats.latencyMillis(50)), ms(stats.latencyMillis(90)), ms(stats.latencyMillis(99)),
        ms(stats.latencyMillis(99.9)), ms(stats.maxLatencyMillis())));
  }

  private void appendErrors(StringBuilder text) {
    for (Operation operation : Operation.values()) {
      for (Map.Entry<String, Long> error : stats(operation).errorsByKind().entrySet()) {
        text.append(String.format(Locale.ROOT, "errors: %s %s x %d%n",
            operation.label(), error.getKey(), error.getValue()));
      }
    }
  }

  private JsonObject json(OperationStats stats) {
    return new JsonObject()
        .put("count", stats.count())
        .put("errors", stats.errors())
        .put("notFound", stats.notFound())
        .put("throughput", throughput(stats))
        .put("p50Ms", stats.latencyMillis(50))
        .put("p90Ms", stats.latencyMillis(90))
        .put("p99Ms", stats.latencyMillis(99))
        .put("p999Ms", stats.latencyMillis(99.9))
        .put("maxMs", stats.maxLatencyMillis())
        .put("meanMs", stats.meanLatencyMillis())
        .put("serviceTimeMs", new JsonObject()
            .put("p50", stats.serviceTimeMillis(50))
            .put("p90", stats.serviceTimeMillis(90))
            .put("p99", stats.serviceTimeMillis(99))
            .put("p999", stats.serviceTimeMillis(99.9))
            .put("max", stats.maxServiceTimeMillis()))
        .put("errorsByKind", new JsonObject(new HashMap<String, Object>(stats.errorsByKind())));
  }

  private static String ms(double millis) {
    return String.format(Locale.ROOT, "%.3f", millis);
  }
}
