package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.cli.BenchCommand;
import io.ringkv.cli.bench.BenchConfig;
import io.ringkv.cli.bench.LoadGenerator;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator's puts carry the context the cluster last returned for their key, as a real
 * client's read-modify-write does, so a long run leaves one value per key; with
 * {@code --blind-writes} every put joins the others as one more sibling. (Blind puts made the
 * benchmark's sibling sets grow run after run until the cluster spent its time copying them.)
 */
class BenchContextTest {

  private static final int KEYS = 3;
  private final Vertx client = Vertx.vertx();

  @AfterEach
  void close() {
    client.close().await();
  }

  @Test
  void puts_that_carry_the_last_context_leave_one_value_per_key() throws Exception {
    assertThat(siblingsAfterBench()).containsOnly(1);
  }

  @Test
  void blind_puts_pile_up_siblings() throws Exception {
    assertThat(siblingsAfterBench("--blind-writes")).allSatisfy(count -> assertThat(count).isGreaterThan(5));
  }

  @Test
  void over_grpc_too_puts_carry_the_context_of_the_last_answer() throws Exception {
    assertThat(siblingsAfterBench("--api", "grpc")).containsOnly(1);
  }

  /** Runs 120 requests, half of them puts, over three keys, one at a time; siblings per key after. */
  private List<Integer> siblingsAfterBench(String... extra) throws Exception {
    try (TestCluster cluster = TestCluster.start(3); HttpKv kv = new HttpKv()) {
      String url = "http://" + cluster.node(0).info().httpAddress();
      List<String> args = new ArrayList<>(List.of(
          "--url", url, "--grpc", cluster.node(0).info().grpcAddress(), "--mode", "closed", "--concurrency", "1", "--requests", "120", "--warmup", "0s",
          "--keys", String.valueOf(KEYS), "--key-dist", "sequential", "--read-ratio", "0.5", "--value-size", "16"));
      args.addAll(List.of(extra));
      BenchConfig config = BenchCommand.configFrom(args.toArray(String[]::new));

      var report = new LoadGenerator(client, config).run().toCompletionStage().toCompletableFuture().get();
      assertThat(report.total().errors()).isZero();

      List<Integer> siblings = new ArrayList<>();
      for (int i = 0; i < KEYS; i++) {
        siblings.add(kv.getJson(url, "default", "key-" + i).siblingValues().size());
      }
      return siblings;
    }
  }
}
