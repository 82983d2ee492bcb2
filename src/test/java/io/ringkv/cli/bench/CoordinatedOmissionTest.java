package io.ringkv.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.cli.BenchCommand;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The classic coordinated-omission trap (G. Tene): the target stalls for one second of a three
 * second run, answering each request after 200 ms, over a single connection. A tool that times
 * from the send sees only the handful of requests that were on the wire during the stall, so its
 * p99 stays near zero; every request that was meant to start during the stall waited, and the
 * open loop, timing from the intended start, must show it.
 */
@ExtendWith(VertxExtension.class)
class CoordinatedOmissionTest {

  private static final long STALL_FROM_MILLIS = 1000;
  private static final long STALL_UNTIL_MILLIS = 2000;
  private static final long STALL_MILLIS = 200;

  @Test
  void openLoopLatencyRunsFromTheIntendedStartSoTheStallShowsInTheP99(Vertx vertx) throws Exception {
    ProbeServer stalling = Await.result(ProbeServer.start(vertx, (request, sinceFirst) ->
        sinceFirst >= STALL_FROM_MILLIS && sinceFirst < STALL_UNTIL_MILLIS
            ? new ProbeServer.Reply(200, STALL_MILLIS)
            : ProbeServer.Reply.now(200)));
    BenchConfig config = BenchCommand.configFrom("--url", stalling.url(), "--mode", "open", "--rate", "500",
        "--duration", "3s", "--warmup", "0s", "--connections", "1", "--threads", "1", "--read-ratio", "1",
        "--seed", "9");

    BenchReport report = Await.result(new LoadGenerator(vertx, config).run());

    OperationStats total = report.total();
    assertThat(total.count()).isEqualTo(1500);
    assertThat(total.errors()).isZero();
    assertThat(total.latencyMillis(99)).as("p99 from intended start").isGreaterThanOrEqualTo(100.0);
    assertThat(total.serviceTimeMillis(99)).as("naive p99, from the send").isLessThan(100.0);
    assertThat(total.maxServiceTimeMillis()).as("the naive measure saw a stalled request")
        .isGreaterThanOrEqualTo(STALL_MILLIS * 0.9);
  }
}
