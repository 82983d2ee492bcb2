package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The web console in a real browser (headless Chromium) against a live 3-node cluster: the page
 * must draw the ring and the members from the node's admin JSON, inspect a key on every replica
 * through the node's relay, and follow the cluster as it changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the last test stops a node
class ConsoleBrowserProcessIT {

  private static final Pattern MEMBER = Pattern.compile("data-member=\"([^\"]+)\" data-state=\"([^\"]+)\"");
  private static final Pattern PARTITION = Pattern.compile("data-partition=\"(\\d+)\" data-owner=\"([^\"]+)\"");
  private static final Pattern REPLICA = Pattern.compile("data-replica=\"([^\"]+)\" data-siblings=\"(\\d+)\"");

  private TestCluster cluster;
  private HeadlessChromium chromium;
  private Path workDir;

  @BeforeAll
  void start(@TempDir Path workDir) throws Exception {
    this.workDir = workDir; // deleted after the class, with what the processes wrote there
    Path binary = ExternalTool.require("chromium", "chromium");
    chromium = new HeadlessChromium(binary, workDir);
    cluster = TestCluster.start(3);
    try (HttpKv http = new HttpKv()) {
      // Two writes without a context: concurrent, so every replica keeps both as siblings.
      assertThat(http.put(cluster.url(0), "carts", "alice", "apples", null).status()).isEqualTo(204);
      assertThat(http.put(cluster.url(1), "carts", "alice", "pears", null).status()).isEqualTo(204);
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private String console(int node, String fragment) {
    return cluster.url(node) + "/console" + fragment;
  }

  @Test
  @Order(1)
  void drawsTheRingAndTheMembersAndInspectsAKeyOnEveryReplica() throws Exception {
    String dom = chromium.dumpDom(console(0, "#inspect=carts/alice"));

    assertThat(dom).contains("data-state=\"live\"");
    assertThat(members(dom)).isEqualTo(Map.of("n1", "up", "n2", "up", "n3", "up"));
    Map<Integer, String> owners = partitionOwners(dom);
    assertThat(owners.keySet()).as("one arc per partition").hasSize(TestCluster.PARTITIONS);
    assertThat(owners.values()).containsOnly("n1", "n2", "n3").contains("n1", "n2", "n3");
    assertThat(replicaSiblings(dom))
        .as("each replica's own copy, fetched through the node's relay")
        .isEqualTo(Map.of("n1", 2, "n2", 2, "n3", 2));
    assertThat(dom).contains("apples", "pears");
  }

  @Test
  @Order(3)
  void aStoppedNodeShowsAsDownOnTheOthersConsoles() throws Exception {
    cluster.stop(2);

    String dom =
        Eventually.get(() -> chromium.dumpDom(console(0, "")), page -> "down".equals(members(page).get("n3")),
            Duration.ofSeconds(30));

    assertThat(members(dom)).isEqualTo(Map.of("n1", "up", "n2", "up", "n3", "down"));
  }

  @Test
  @Order(2)
  void screenshotForTheReadme() throws Exception {
    Path png = Path.of("target", "console.png").toAbsolutePath();
    Files.deleteIfExists(png);

    chromium.screenshot(console(1, "#inspect=carts/alice"), png, 1280, 1000);

    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
    assertThat(bytes.length).as("a drawn page, not a blank one").isGreaterThan(20_000);
  }

  private static Map<String, String> members(String dom) {
    Map<String, String> states = new TreeMap<>();
    Matcher matcher = MEMBER.matcher(dom);
    while (matcher.find()) {
      states.put(matcher.group(1), matcher.group(2));
    }
    return states;
  }

  private static Map<Integer, String> partitionOwners(String dom) {
    Map<Integer, String> owners = new TreeMap<>();
    Matcher matcher = PARTITION.matcher(dom);
    while (matcher.find()) {
      owners.put(Integer.parseInt(matcher.group(1)), matcher.group(2));
    }
    return owners;
  }

  private static Map<String, Integer> replicaSiblings(String dom) {
    Map<String, Integer> siblings = new TreeMap<>();
    Matcher matcher = REPLICA.matcher(dom);
    while (matcher.find()) {
      siblings.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
    }
    return siblings;
  }
}
