package io.ringkv.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.metrics.PrometheusText.Sample;
import io.ringkv.storage.StoreStats;
import io.ringkv.version.ClockPruning;
import io.ringkv.version.Dot;
import io.ringkv.version.VersionVector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeMetricsTest {

  private final List<NodeMetrics> opened = new ArrayList<>();

  private NodeMetrics metrics(String node) {
    NodeMetrics metrics = new NodeMetrics(node);
    opened.add(metrics);
    return metrics;
  }

  @AfterEach
  void close() {
    opened.forEach(NodeMetrics::close);
  }

  private static PrometheusText scrape(NodeMetrics metrics) {
    return PrometheusText.parse(metrics.scrape());
  }

  /** The cumulative count of the bucket with upper bound {@code le} seconds among the matching series. */
  private static double bucket(PrometheusText text, String name, double le, String... labels) {
    List<Sample> matching =
        text.named(name + "_bucket").stream()
            .filter(sample -> Double.parseDouble(sample.labels().get("le").replace("+Inf", "Infinity")) == le)
            .filter(sample -> matches(sample, labels))
            .toList();
    assertThat(matching).as("bucket le=%s of %s %s", le, name, List.of(labels)).hasSize(1);
    return matching.get(0).value();
  }

  private static boolean matches(Sample sample, String... labels) {
    for (int i = 0; i < labels.length; i += 2) {
      if (!sample.has(labels[i], labels[i + 1])) {
        return false;
      }
    }
    return true;
  }

  @Test
  void aClientRequestIsAHistogramLabelledByApiOpOutcomeAndNode() {
    NodeMetrics metrics = metrics("n1");

    metrics.completed("http", "get", "ok", Duration.ofMillis(3).toNanos());

    PrometheusText text = scrape(metrics);
    String[] series = {"node", "n1", "api", "http", "op", "get", "outcome", "ok"};
    assertThat(text.value("ringkv_client_requests_seconds_count", series)).isEqualTo(1);
    assertThat(text.value("ringkv_client_requests_seconds_sum", series)).isEqualTo(0.003);
    assertThat(text.named("ringkv_client_requests_seconds_bucket"))
        .extracting(Sample::labels)
        .allSatisfy(labels -> assertThat(labels.keySet()).containsExactlyInAnyOrder("node", "api", "op", "outcome", "le"));
  }

  @Test
  void aRecordedLatencyLandsInTheBucketsAtAndAboveIt() {
    NodeMetrics metrics = metrics("n1");

    metrics.completed("grpc", "put", "ok", Duration.ofMillis(3).toNanos());
    metrics.completed("grpc", "put", "ok", Duration.ofMillis(7).toNanos());

    PrometheusText text = scrape(metrics);
    String name = "ringkv_client_requests_seconds";
    String[] put = {"api", "grpc", "op", "put"};
    assertThat(bucket(text, name, 0.002, put)).as("below both").isZero();
    assertThat(bucket(text, name, 0.005, put)).as("3 ms only").isEqualTo(1);
    assertThat(bucket(text, name, 0.010, put)).as("both").isEqualTo(2);
    assertThat(bucket(text, name, Double.POSITIVE_INFINITY, put)).isEqualTo(2);
  }

  @Test
  void everySloBoundaryIsABucketSoAlertsCanNameIt() {
    NodeMetrics metrics = metrics("n1");
    metrics.completed("http", "delete", "ok", 1);

    PrometheusText text = scrape(metrics);
    for (Duration slo : LatencyHistogram.SLO_BOUNDARIES) {
      assertThat(bucket(text, "ringkv_client_requests_seconds", slo.toNanos() / 1e9, "op", "delete"))
          .as("le=%s", slo)
          .isEqualTo(1);
    }
    assertThat(text.named("ringkv_client_requests_seconds_bucket"))
        .as("fine enough for p99.9 between 100 µs and 10 s, yet bounded")
        .hasSizeBetween(30, 100);
  }

  @Test
  void noKeyOrOtherUnexpectedValueEverBecomesALabel() {
    NodeMetrics metrics = metrics("n1");
    String key = "user:42/secret-key";

    metrics.completed("http", key, "ok", 1_000);
    metrics.completed(key, "get", key, 1_000);
    metrics.completed(null, null, null, 1_000);

    PrometheusText text = scrape(metrics);
    assertThat(text.samples())
        .flatExtracting(sample -> List.copyOf(sample.labels().values()))
        .noneMatch(value -> value.contains("user:42") || value.contains("secret"));
    assertThat(text.value("ringkv_client_requests_seconds_count", "api", "http", "op", "other", "outcome", "ok"))
        .isEqualTo(1);
    assertThat(text.value("ringkv_client_requests_seconds_count", "api", "other", "op", "get", "outcome", "other"))
        .isEqualTo(1);
  }

  @Test
  void replicaCallsAreAHistogramPerPeerOpAndOutcome() {
    NodeMetrics metrics = metrics("n1");

    metrics.replicaCall("n2", "read", Duration.ofMillis(1).toNanos(), true);
    metrics.replicaCall("n2", "read", Duration.ofMillis(40).toNanos(), true);
    metrics.replicaCall("n3", "write", Duration.ofMillis(900).toNanos(), false);

    PrometheusText text = scrape(metrics);
    String name = "ringkv_replica_calls_seconds";
    assertThat(text.value(name + "_count", "peer", "n2", "op", "read", "outcome", "ok")).isEqualTo(2);
    assertThat(bucket(text, name, 0.025, "peer", "n2")).isEqualTo(1);
    assertThat(bucket(text, name, 0.050, "peer", "n2")).isEqualTo(2);
    assertThat(text.value(name + "_count", "peer", "n3", "op", "write", "outcome", "error")).isEqualTo(1);
  }

  @Test
  void siblingsPerReadAndReadRepairsAreCounted() {
    NodeMetrics metrics = metrics("n1");
    assertThat(scrape(metrics).value("ringkv_read_repairs_total", "node", "n1"))
        .as("published from the start, so a rate is 0 rather than absent")
        .isZero();

    metrics.siblingsRead(1);
    metrics.siblingsRead(1);
    metrics.siblingsRead(3);
    metrics.readRepair("n2");

    PrometheusText text = scrape(metrics);
    assertThat(bucket(text, "ringkv_read_siblings", 1)).isEqualTo(2);
    assertThat(bucket(text, "ringkv_read_siblings", 2)).isEqualTo(2);
    assertThat(bucket(text, "ringkv_read_siblings", 3)).isEqualTo(3);
    assertThat(text.value("ringkv_read_siblings_sum")).isEqualTo(5);
    assertThat(text.value("ringkv_read_repairs_total")).isEqualTo(1);
    assertThat(metrics.registry().scrape())
        .as("the series RingkvSiblingsPilingUp reads, label spelled as the rule spells it")
        .contains("ringkv_read_siblings_bucket{node=\"n1\",le=\"25.0\"} 3");
  }

  @Test
  void nodesInOneJvmKeepSeparateRegistries() {
    NodeMetrics n1 = metrics("n1");
    NodeMetrics n2 = metrics("n2");

    n1.completed("http", "get", "ok", 1_000);

    assertThat(scrape(n1).samples()).allSatisfy(sample -> assertThat(sample.labels()).containsEntry("node", "n1"));
    assertThat(scrape(n2).samples()).allSatisfy(sample -> assertThat(sample.labels()).containsEntry("node", "n2"));
    assertThat(scrape(n2).hasSeries("ringkv_client_requests")).isFalse();
  }

  @Test
  void gaugesReadTheirSourceAtEachScrape() {
    NodeMetrics metrics = metrics("n1");
    AtomicInteger owned = new AtomicInteger(86);
    AtomicLong keys = new AtomicLong(10);
    metrics.registerPartitionsOwned(owned::get);
    metrics.registerStorage(() -> new StoreStats(keys.get(), 2_048, 1 << 20, 3));

    assertThat(scrape(metrics).value("ringkv_partitions_owned")).isEqualTo(86);
    owned.set(64);
    keys.set(11);

    PrometheusText text = scrape(metrics);
    assertThat(text.value("ringkv_partitions_owned")).isEqualTo(64);
    assertThat(text.value("ringkv_stored_keys")).isEqualTo(11);
    assertThat(text.value("ringkv_stored_value_bytes")).isEqualTo(2_048);
    assertThat(text.value("ringkv_stored_file_bytes")).isEqualTo(1 << 20);
    assertThat(text.value("ringkv_stored_partitions")).isEqualTo(3);
  }

  @Test
  void membersAreCountedByStateAndAMemberThatLeftDisappears() {
    NodeMetrics metrics = metrics("n1");
    List<MemberStatus> members = new ArrayList<>(List.of(
        new MemberStatus("n1", true, "member"),
        new MemberStatus("n2", true, "member"),
        new MemberStatus("n3", false, "member")));
    metrics.registerMembers(() -> List.copyOf(members));

    PrometheusText text = scrape(metrics);
    assertThat(text.value("ringkv_members", "state", "up", "membership", "member")).isEqualTo(2);
    assertThat(text.value("ringkv_members", "state", "down", "membership", "member")).isEqualTo(1);
    assertThat(text.value("ringkv_member_up", "peer", "n3")).isZero();

    members.remove(2);
    text = scrape(metrics);
    assertThat(text.value("ringkv_members", "state", "down", "membership", "member"))
        .as("zero, not absent, so 'members down' panels show a line")
        .isZero();
    assertThat(text.named("ringkv_member_up")).extracting(sample -> sample.labels().get("peer"))
        .containsExactlyInAnyOrder("n1", "n2");
  }

  @Test
  void mechanismsPublishNothingUntilTheyRegisterARealSource() {
    NodeMetrics metrics = metrics("n1");

    PrometheusText before = scrape(metrics);
    assertThat(before.hasSeries("ringkv_hints")).isFalse();
    assertThat(before.hasSeries("ringkv_antientropy")).isFalse();
    assertThat(before.hasSeries("ringkv_gossip")).isFalse();
    assertThat(before.hasSeries("ringkv_partitions_owned")).isFalse();

    Map<String, Long> pending = new ConcurrentHashMap<>(Map.of("n2", 12L, "n3", 1L));
    metrics.registerHintsPending(() -> Map.copyOf(pending));
    metrics.registerHintTraffic(() -> 30, () -> 18);
    metrics.registerAntiEntropy(() -> 5, () -> 2, () -> 4_096);
    metrics.registerGossip(() -> 77);
    System.gc(); // the counters' sources are lambdas: they must survive a collection

    PrometheusText after = scrape(metrics);
    assertThat(after.value("ringkv_hints_stored_total")).isEqualTo(30);
    assertThat(after.value("ringkv_hints_delivered_total")).isEqualTo(18);
    assertThat(after.value("ringkv_hints_pending", "target", "n2")).isEqualTo(12);
    assertThat(after.value("ringkv_hints_pending", "target", "n3")).isEqualTo(1);
    assertThat(after.value("ringkv_antientropy_exchanges_total")).isEqualTo(5);
    assertThat(after.value("ringkv_antientropy_keys_repaired_total")).isEqualTo(2);
    assertThat(after.value("ringkv_antientropy_transferred_bytes_total")).isEqualTo(4_096);
    assertThat(after.value("ringkv_gossip_rounds_total")).isEqualTo(77);
  }

  @Test
  void aDrainedHintTargetStaysAtZeroInsteadOfVanishing() {
    NodeMetrics metrics = metrics("n1");
    Map<String, Long> pending = new ConcurrentHashMap<>(Map.of("n2", 12L));
    metrics.registerHintsPending(() -> Map.copyOf(pending));
    assertThat(scrape(metrics).value("ringkv_hints_pending", "target", "n2")).isEqualTo(12);

    pending.clear(); // HintStore leaves targets without hints out

    assertThat(scrape(metrics).value("ringkv_hints_pending", "target", "n2")).isZero();
  }

  @Test
  void clockPruningIsCountedFromTheNodesOwnInstance() {
    NodeMetrics metrics = metrics("n1");
    ClockPruning pruning = new ClockPruning(1);
    metrics.registerClockPruning(pruning);
    assertThat(scrape(metrics).value("ringkv_clock_pruned_entries_total")).isZero();

    VersionVector twoActors = VersionVector.empty().with(new Dot("a", 1), 10).with(new Dot("b", 1), 20);
    pruning.prune(twoActors, new Dot("c", 1));

    PrometheusText text = scrape(metrics);
    assertThat(text.value("ringkv_clock_pruned_entries_total")).isEqualTo(2);
    assertThat(text.value("ringkv_clock_pruned_writes_total")).isEqualTo(1);
  }

  @Test
  void jvmGcMemoryAndCpuAreExported() {
    NodeMetrics metrics = metrics("n1");
    System.gc(); // an explicit collection is a GC pause the listener sees

    PrometheusText text = scrape(metrics);
    assertThat(text.hasSeries("ringkv_jvm_memory_used_bytes")).isTrue();
    assertThat(text.hasSeries("ringkv_process_cpu_usage")).isTrue();
    assertThat(text.hasSeries("ringkv_jvm_gc_")).isTrue();
  }

  @Test
  void everySeriesIsUnderTheRingkvPrefixInBaseUnits() {
    NodeMetrics metrics = metrics("n1");
    System.gc();

    String text = metrics.registry().scrape();
    List<String> series = text.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
    assertThat(series).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("ringkv_"));
    assertThat(series).noneMatch(line -> line.contains("_ns_") || line.contains("_ns{") || line.contains("_ns "));
  }
}
