package io.ringkv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.antientropy.AntiEntropyOptions;
import io.ringkv.node.LocalCluster;
import io.ringkv.node.NodeConfig;
import io.ringkv.transport.TransportDecorator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ringkv delete} against a real node: what the shell deletes must be gone for the next
 * read (DESIGN.md, "Versioning": a tombstone covers only what its context covers).
 */
class DeleteAgainstANodeTest {

  @TempDir static Path dataRoot;
  private static LocalCluster cluster;
  private static String url;

  @BeforeAll
  static void startOneNode() throws Exception {
    NodeConfig config = NodeConfig.builder("n1", dataRoot.resolve("n1"))
        .anyPorts().partitions(16).eventLoops(1).apiInstances(1)
        .antiEntropy(AntiEntropyOptions.disabled())
        .build();
    cluster = LocalCluster.start(List.of(config), TransportDecorator.NONE)
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    url = "http://" + cluster.node(0).info().httpAddress();
    // One node: the bucket keeps one replica, so that quorums of one answer.
    HttpResponse<String> props = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url + "/buckets/carts/props"))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"n\":1,\"r\":1,\"w\":1}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(props.statusCode()).as(props.body()).isEqualTo(204);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void deleteWithoutAContextRemovesTheStoredValue() {
    CliRun put = CliRun.of("put", "--url", url, "-b", "carts", "bob", "{\"items\":[]}");
    assertThat(put.exitCode()).as(put.toString()).isZero();

    CliRun delete = CliRun.of("delete", "--url", url, "-b", "carts", "bob");

    assertThat(delete.exitCode()).as(delete.toString()).isZero();
    assertThat(delete.out()).startsWith("deleted carts/bob: the value read just before");
    CliRun get = CliRun.of("get", "--url", url, "-b", "carts", "bob");
    assertThat(get.exitCode()).as("read after the delete: %s", get).isEqualTo(ExitCode.FAILED);
    assertThat(get.err()).contains("not found: carts/bob (deleted; context: ");
  }

  @Test
  void deleteWithoutAContextRemovesEverySibling() {
    assertThat(CliRun.of("put", "--url", url, "-b", "carts", "ann", "one").exitCode()).isZero();
    assertThat(CliRun.of("put", "--url", url, "-b", "carts", "ann", "two").exitCode()).isZero();

    CliRun delete = CliRun.of("delete", "--url", url, "-b", "carts", "ann");

    assertThat(delete.exitCode()).as(delete.toString()).isZero();
    assertThat(delete.out()).startsWith("deleted carts/ann: the 2 siblings read just before");
    assertThat(CliRun.of("get", "--url", url, "-b", "carts", "ann").exitCode()).isEqualTo(ExitCode.FAILED);
  }

  @Test
  void deleteOfAKeyNeverWrittenSaysNotFound() {
    CliRun delete = CliRun.of("delete", "--url", url, "-b", "carts", "nobody");

    assertThat(delete.exitCode()).as(delete.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(delete.err()).contains("not found: carts/nobody");
  }
}
