package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.ByteString;
import io.ringkv.antientropy.AntiEntropyOptions;
import io.ringkv.api.grpc.v1.GetRequest;
import io.ringkv.api.grpc.v1.GetResponse;
import io.ringkv.api.grpc.v1.KeyValueGrpcClient;
import io.ringkv.api.grpc.v1.PutRequest;
import io.ringkv.integration.DashboardQueries.PanelQuery;
import io.ringkv.node.Node;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The observability files, proved against the real thing: a 3-node in-JVM cluster under a short
 * load, scraped by the real {@code prometheus} with the repository's scrape config (its targets
 * replaced by the cluster's ports) and rule files. Every panel query of the Grafana dashboard and
 * every recording rule must return data, every rule must evaluate cleanly, and {@code promtool}
 * must accept the files. Grafana itself is not installable here: its queries are what matters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusProcessIT {

  private static final Path REPOSITORY = Path.of("").toAbsolutePath();
  private static final Path SCRAPE_CONFIG = REPOSITORY.resolve("prometheus/prometheus.yml");
  private static final List<Path> RULE_FILES =
      List.of(REPOSITORY.resolve("prometheus/rules/recording.yml"), REPOSITORY.resolve("prometheus/rules/alerts.yml"));
  private static final Path RULE_TESTS = REPOSITORY.resolve("prometheus/tests/rules-test.yml");
  private static final Path DASHBOARD = REPOSITORY.resolve("grafana/dashboards/ringkv.json");

  /** Grafana's variables, as a plain query needs them: every node, op and peer; a 30 s window. */
  private static final Map<String, String> DASHBOARD_VARIABLES =
      Map.of("node", ".+", "op", ".+", "peer", ".+", "__rate_interval", "30s");

  /** Anti-entropy on and brisk, so that its panels have exchanges to show within the test. */
  private static final AntiEntropyOptions BRISK_ANTI_ENTROPY =
      AntiEntropyOptions.defaults().withExchangeInterval(Duration.ofSeconds(1));

  private static final Duration LOAD = Duration.ofSeconds(6);
  private static final Duration DATA_DEADLINE = Duration.ofSeconds(30);

  private Path promtool;
  private Path workDir;
  private TestCluster cluster;
  private PrometheusServer prometheus;
  private long dataDeadline;

  @BeforeAll
  void startClusterPrometheusAndLoad(@TempDir Path workDir) throws Exception {
    this.workDir = workDir; // deleted after the class, with what the processes wrote there
    Path binary = ExternalTool.require("prometheus", "prometheus");
    promtool = ExternalTool.require("promtool", "prometheus");
    // no 503 from a starved replica: no alert should fire
    cluster = TestCluster.start(3, 5_000, BRISK_ANTI_ENTROPY);
    Path config = writeConfigFor(cluster.nodes(), workDir.resolve("prometheus.yml"));
    assertThat(promtool("check", "config", config.toString())).isZero();
    prometheus = PrometheusServer.start(binary, config, workDir);
    driveLoad();
    System.gc(); // a collection for the GC-pause panel: the JVM may not have needed one yet
    Eventually.get(() -> prometheus.query("up{job=\"ringkv\"} == 1").size(), up -> up == 3, DATA_DEADLINE);
    dataDeadline = System.nanoTime() + DATA_DEADLINE.toNanos();
  }

  @AfterAll
  void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** The repository's scrape config with its targets replaced by the cluster's HTTP ports. */
  private static Path writeConfigFor(List<Node> nodes, Path written) throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode config = (ObjectNode) yaml.readTree(SCRAPE_CONFIG.toFile());
    // Faster than the shipped 2 s so that the test needs fewer seconds of load.
    ((ObjectNode) config.get("global")).put("scrape_interval", "1s").put("evaluation_interval", "1s");
    ArrayNode ruleFiles = config.putArray("rule_files");
    RULE_FILES.forEach(file -> ruleFiles.add(file.toString()));
    JsonNode job = config.get("scrape_configs").get(0);
    ArrayNode targets = ((ObjectNode) job).putArray("static_configs");
    for (Node node : nodes) {
      ObjectNode target = targets.addObject();
      target.putArray("targets").add(node.info().httpAddress());
      target.putObject("labels").put("node", node.info().id());
    }
    yaml.writeValue(written.toFile(), config);
    return written;
  }

  /**
   * A few seconds of writes and reads through every node, over HTTP and gRPC, with some reads of
   * absent keys (not_found) and some invalid requests (bad_request).
   */
  private void driveLoad() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (HttpKv http = new HttpKv()) {
      List<KeyValueGrpcClient> grpc = new ArrayList<>();
      for (Node node : cluster.nodes()) {
        String[] hostPort = node.info().grpcAddress().split(":");
        grpc.add(KeyValueGrpcClient.create(GrpcClient.client(vertx),
            SocketAddress.inetSocketAddress(Integer.parseInt(hostPort[1]), hostPort[0])));
      }
      long end = System.nanoTime() + LOAD.toNanos();
      for (int i = 0; System.nanoTime() < end; i++) {
        String url = cluster.url(i % 3);
        String key = "key-" + (i % 50);
        // Each write carries the context of the read before it, as a client's should: blind
        // writes would pile up siblings, and rightly raise RingkvSiblingsPilingUp.
        String context = http.getJson(url, "default", key).context();
        http.put(url, "default", key, "value " + i, context);
        if (i % 5 == 0) {
          http.getJson(url, "default", "absent-" + i);
          http.getJson(url, "default", key, "r=9");
          KeyValueGrpcClient client = grpc.get(i % 3);
          ByteString grpcKey = ByteString.copyFromUtf8("grpc-" + (i % 10));
          GetResponse read = client.get(GetRequest.newBuilder().setKey(grpcKey).build()).await(10, TimeUnit.SECONDS);
          client.put(PutRequest.newBuilder().setKey(grpcKey).setValue(ByteString.copyFromUtf8("v")).setContext(read.getContext()).build())
              .await(10, TimeUnit.SECONDS);
        }
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void promtoolAcceptsTheRuleFiles() throws Exception {
    List<String> command = new ArrayList<>(List.of("check", "rules"));
    RULE_FILES.forEach(file -> command.add(file.toString()));

    assertThat(promtool(command.toArray(String[]::new))).isZero();
  }

  @Test
  void promtoolUnitTestsOfTheAlertsPass() throws Exception {
    assertThat(promtool("test", "rules", RULE_TESTS.toString())).isZero();
  }

  @Test
  void everyDashboardPanelQueryReturnsData() throws Exception {
    List<PanelQuery> queries = DashboardQueries.of(DASHBOARD, DASHBOARD_VARIABLES);
    assertThat(queries).hasSizeGreaterThan(20);

    List<String> empty = new ArrayList<>();
    for (PanelQuery query : queries) {
      if (!hasData(query.promql())) {
        empty.add(query.toString());
      }
    }

    assertThat(empty).as("panel queries without data").isEmpty();
  }

  @Test
  void everyRecordingRuleReturnsData() throws Exception {
    List<String> records =
        prometheus.rules().stream()
            .filter(rule -> "recording".equals(rule.getString("type")))
            .map(rule -> rule.getString("name"))
            .toList();
    assertThat(records).hasSize(10);

    List<String> empty = new ArrayList<>();
    for (String record : records) {
      if (!hasData(record)) {
        empty.add(record);
      }
    }

    assertThat(empty).as("recording rules without data").isEmpty();
  }

  @Test
  void everyRuleEvaluatesWithoutError() throws Exception {
    List<JsonObject> rules =
        Eventually.get(
            prometheus::rules,
            all -> all.stream().noneMatch(rule -> "unknown".equals(rule.getString("health"))),
            DATA_DEADLINE);

    assertThat(rules).hasSizeGreaterThanOrEqualTo(18);
    assertThat(rules)
        .allSatisfy(rule -> assertThat(rule.getString("health")).as(rule.getString("name") + ": " + rule.getString("lastError")).isEqualTo("ok"));
    assertThat(rules)
        .filteredOn(rule -> "alerting".equals(rule.getString("type")))
        .as("a healthy cluster under a light load raises no alert")
        .allSatisfy(rule -> assertThat(rule.getString("state")).as(rule.getString("name")).isEqualTo("inactive"));
  }

  /**
   * Whether the query has data, waiting for it until a deadline shared by all the queries of the
   * class (a rate needs two scrapes, a recording rule one evaluation), so that a broken dashboard
   * fails in bounded time however many of its queries are empty.
   */
  private boolean hasData(String promql) throws Exception {
    while (prometheus.query(promql).isEmpty()) {
      if (System.nanoTime() > dataDeadline) {
        return false;
      }
      Thread.sleep(250);
    }
    return true;
  }

  private int promtool(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(arguments));
    Path output = Files.createTempFile(workDir, "promtool", ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    System.out.print(Files.readString(output));
    return process.exitValue();
  }
}
