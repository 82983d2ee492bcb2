package io.ringkv.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.cli.BenchCommand;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The closed loop keeps exactly its concurrency and stops at exactly its request count. */
@ExtendWith(VertxExtension.class)
class ClosedLoopTest {

  private static final int CONCURRENCY = 8;
  private static final int REQUESTS = 400;

  @Test
  void neverHasMoreThanItsConcurrencyInFlightAndStopsAfterExactlyNRequests(Vertx vertx) throws Exception {
    ProbeServer slow = Await.result(ProbeServer.start(vertx, (request, sinceFirst) -> new ProbeServer.Reply(200, 5)));
    BenchConfig config = BenchCommand.configFrom("--url", slow.url(), "--mode", "closed",
        "--concurrency", Integer.toString(CONCURRENCY), "--requests", Integer.toString(REQUESTS),
        "--warmup", "0s", "--threads", "2", "--seed", "3");

    BenchReport report = Await.result(new LoadGenerator(vertx, config).run());

    assertThat(slow.requests()).as("requests the server received").isEqualTo(REQUESTS);
    assertThat(report.total().count()).as("requests reported").isEqualTo(REQUESTS);
    assertThat(slow.maxInFlight()).as("most requests in flight at once")
        .isLessThanOrEqualTo(CONCURRENCY)
        .isGreaterThan(CONCURRENCY / 2);
    assertThat(report.total().errors()).isZero();
  }

  @Test
  void aTimeBoundStopsItToo(Vertx vertx) throws Exception {
    ProbeServer fast = Await.result(ProbeServer.start(vertx, (request, sinceFirst) -> ProbeServer.Reply.now(204)));
    BenchConfig config = BenchCommand.configFrom("--url", fast.url(), "--mode", "closed", "--concurrency", "4",
        "--duration", "500ms", "--warmup", "200ms", "--seed", "3");

    BenchReport report = Await.result(new LoadGenerator(vertx, config).run());

    assertThat(report.total().count()).isPositive().isLessThan(fast.requests());
    assertThat(report.elapsedSeconds()).isBetween(0.5, 5.0);
  }
}
