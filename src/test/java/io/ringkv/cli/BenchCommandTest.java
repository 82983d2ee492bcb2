package io.ringkv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.cli.bench.NoopServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code ringkv bench} as a user runs it: exit codes, messages, the JSON report. */
@ExtendWith(VertxExtension.class)
class BenchCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
    "--rate|0|--rate",
    "--rate|-5|--rate",
    "--concurrency|0|--concurrency",
    "--read-ratio|1.5|--read-ratio",
    "--mode|sideways|--mode",
    "--api|pigeon|--api",
    "--duration|3x|--duration",
    "--duration|0s|--duration",
    "--requests|0|--requests",
    "--warmup|soon|--warmup",
    "--keys|0|--keys",
    "--key-dist|gaussian|--key-dist",
    "--zipf-s|0|--zipf-s",
    "--value-size|-1|--value-size",
    "--r|0|--r",
    "--url|ftp://127.0.0.1:1|ftp://",
    "--url|http://127.0.0.1|needs a host and a port",
    "--grpc|nocolon|host:port",
    "--max-outstanding|0|--max-outstanding",
    "--no-such-option|1|--no-such-option",
  })
  void badOptionsAreAPicocliErrorWithExitCode2(String option, String value, String mentioned) {
    String[] args = option.equals("--grpc")
        ? new String[] {"bench", "--api", "grpc", option, value}
        : new String[] {"bench", option, value};

    int exitCode = execute(args);

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString()).contains(mentioned);
  }

  @Test
  void anUnreachableUrlIsAClearMessageAndExitCode4() throws Exception {
    int closedPort = closedPort();

    int exitCode = execute("bench", "--url", "http://127.0.0.1:" + closedPort, "--requests", "10");

    assertThat(exitCode).as("README: 4 = no node answered; %s", err).isEqualTo(4);
    assertThat(err.toString()).contains("cannot connect to http://127.0.0.1:" + closedPort);
  }

  @Test
  void anUnreachableGrpcTargetIsAClearMessageAndExitCode4() throws Exception {
    int closedPort = closedPort();

    int exitCode = execute("bench", "--api", "grpc", "--grpc", "127.0.0.1:" + closedPort, "--requests", "10");

    assertThat(exitCode).as("README: 4 = no node answered; %s", err).isEqualTo(4);
    assertThat(err.toString()).contains("cannot connect to").contains("127.0.0.1:" + closedPort);
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void jsonPrintsOneObjectWithEveryOperationAndThePrefill(Vertx vertx) throws Exception {
    NoopServer noop = new NoopServer("127.0.0.1", 0, 0);
    vertx.deployVerticle(noop).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    int exitCode = execute("bench", "--url", "http://127.0.0.1:" + noop.httpPort(), "--mode", "closed",
        "--concurrency", "4", "--requests", "300", "--warmup", "0s", "--prefill", "--keys", "50",
        "--key-dist", "zipf", "--r", "1", "--w", "1", "--json");

    assertThat(exitCode).as(err.toString()).isZero();
    JsonObject report = new JsonObject(out.toString());
    assertThat(report.getJsonObject("total").getLong("count")).isEqualTo(300);
    assertThat(report.getJsonObject("total").getLong("errors")).isZero();
    assertThat(report.getJsonObject("prefill").getLong("count")).isEqualTo(50);
    for (String operation : new String[] {"get", "put"}) {
      JsonObject stats = report.getJsonObject("operations").getJsonObject(operation);
      assertThat(stats.fieldNames()).contains("count", "errors", "throughput", "p50Ms", "p90Ms", "p99Ms", "p999Ms", "maxMs");
    }
    assertThat(report.getString("configLine")).contains("mode=closed", "concurrency=4", "key-dist=zipf");
  }

  @Test
  void textReportHasAConfigLineAndARowPerOperation(Vertx vertx) throws Exception {
    NoopServer noop = new NoopServer("127.0.0.1", 0, 0);
    vertx.deployVerticle(noop).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    int exitCode = execute("bench", "--api", "grpc", "--grpc", "127.0.0.1:" + noop.grpcPort(),
        "--rate", "200", "--requests", "100", "--warmup", "0s");

    assertThat(exitCode).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("ringkv bench: api=grpc", "mode=open", "rate=200/s")
        .containsPattern("(?m)^get +\\d+")
        .containsPattern("(?m)^put +\\d+")
        .containsPattern("(?m)^total +100 +0 ");
  }

  private int execute(String... args) {
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
