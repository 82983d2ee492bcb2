package io.ringkv.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ringkv.cli.BenchCommand;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The open loop against the no-op server keeps its rate and times every request. */
@ExtendWith(VertxExtension.class)
class OpenLoopTest {

  private static final int RATE = 400;
  private static final double SECONDS = 2.0;

  private NoopServer noop;

  @BeforeEach
  void startNoopServer(Vertx vertx) throws Exception {
    noop = new NoopServer("127.0.0.1", 0, 0);
    Await.result(vertx.deployVerticle(noop));
  }

  @Test
  void overHttpItSendsRateTimesDurationWithOrderedPercentiles(Vertx vertx) throws Exception {
    BenchReport report = run(vertx, "--api", "http", "--url", "http://127.0.0.1:" + noop.httpPort());

    assertKeptTheRate(report);
  }

  @Test
  void overGrpcItSendsRateTimesDurationWithOrderedPercentiles(Vertx vertx) throws Exception {
    BenchReport report = run(vertx, "--api", "grpc", "--grpc", "127.0.0.1:" + noop.grpcPort());

    assertKeptTheRate(report);
  }

  private static BenchReport run(Vertx vertx, String... target) throws Exception {
    String[] options = {
      "--mode", "open", "--rate", Integer.toString(RATE), "--duration", SECONDS + "s", "--warmup", "500ms",
      "--threads", "2", "--seed", "5"
    };
    String[] args = new String[target.length + options.length];
    System.arraycopy(target, 0, args, 0, target.length);
    System.arraycopy(options, 0, args, target.length, options.length);
    return Await.result(new LoadGenerator(vertx, BenchCommand.configFrom(args)).run());
  }

  private static void assertKeptTheRate(BenchReport report) {
    OperationStats total = report.total();
    double expected = RATE * SECONDS;
    assertThat((double) total.count()).as("requests measured").isCloseTo(expected, within(expected * 0.1));
    assertThat(total.errors()).isZero();
    assertThat(report.dropped()).isZero();
    assertThat(report.stats(Operation.GET).count()).as("gets").isPositive();
    assertThat(report.stats(Operation.PUT).count()).as("puts").isPositive();
    assertThat(report.stats(Operation.GET).notFound()).as("the no-op server finds every key").isZero();
    assertThat(total.latencyMillis(50)).isPositive()
        .isLessThanOrEqualTo(total.latencyMillis(99));
    assertThat(total.latencyMillis(99)).isLessThanOrEqualTo(total.latencyMillis(99.9));
    assertThat(total.latencyMillis(99.9)).isLessThanOrEqualTo(total.maxLatencyMillis());
  }
}
