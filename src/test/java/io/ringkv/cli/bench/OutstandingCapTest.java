package io.ringkv.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.cli.BenchCommand;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** When the target cannot keep up, the open loop stops at its outstanding cap and says so loudly. */
@ExtendWith(VertxExtension.class)
class OutstandingCapTest {

  @Test
  void requestsBeyondTheCapAreDroppedCountedAndReported(Vertx vertx) throws Exception {
    ProbeServer stuck = Await.result(ProbeServer.start(vertx, (request, sinceFirst) -> new ProbeServer.Reply(200, 1500)));
    BenchConfig config = BenchCommand.configFrom("--url", stuck.url(), "--mode", "open", "--rate", "200",
        "--duration", "1s", "--warmup", "0s", "--max-outstanding", "50", "--threads", "1");

    BenchReport report = Await.result(new LoadGenerator(vertx, config).run());

    assertThat(stuck.requests()).isEqualTo(50);
    assertThat(report.total().count()).isEqualTo(50);
    assertThat(report.dropped()).isEqualTo(150);
    assertThat(report.toText()).contains("WARNING: 150 scheduled requests were NOT sent");
    assertThat(report.toJson().getLong("dropped")).isEqualTo(150);
  }
}
