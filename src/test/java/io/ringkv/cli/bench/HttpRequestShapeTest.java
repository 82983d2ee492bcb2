package io.ringkv.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.cli.BenchCommand;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the HTTP requests look like on the wire, and how they spread over the nodes. */
@ExtendWith(VertxExtension.class)
class HttpRequestShapeTest {

  @Test
  void getsAndPutsAddressTheBucketsKeyAndCarryRAndW(Vertx vertx) throws Exception {
    ProbeServer server = Await.result(ProbeServer.start(vertx, (request, sinceFirst) -> ProbeServer.Reply.now(204)));
    BenchConfig config = BenchCommand.configFrom("--url", server.url(), "--mode", "closed", "--requests", "100",
        "--warmup", "0s", "--bucket", "web users", "--r", "2", "--w", "3", "--value-size", "300", "--keys", "10");

    Await.result(new LoadGenerator(vertx, config).run());

    List<ProbeServer.Seen> seen = server.seen();
    assertThat(seen).hasSize(100);
    assertThat(seen).filteredOn(request -> request.method().equals("GET")).isNotEmpty()
        .allSatisfy(get -> assertThat(get.uri()).matches("/buckets/web%20users/keys/key-\\d\\?r=2"));
    assertThat(seen).filteredOn(request -> request.method().equals("PUT")).isNotEmpty()
        .allSatisfy(put -> {
          assertThat(put.uri()).matches("/buckets/web%20users/keys/key-\\d\\?w=3");
          assertThat(put.bodyLength()).isEqualTo(300);
          assertThat(put.contentType()).isEqualTo("application/octet-stream");
        });
  }

  @Test
  void aListOfUrlsSpreadsTheRequestsEvenlyOverTheNodes(Vertx vertx) throws Exception {
    ProbeServer first = Await.result(ProbeServer.start(vertx, (request, sinceFirst) -> ProbeServer.Reply.now(204)));
    ProbeServer second = Await.result(ProbeServer.start(vertx, (request, sinceFirst) -> ProbeServer.Reply.now(204)));
    BenchConfig config = BenchCommand.configFrom("--url", first.url() + "," + second.url(), "--mode", "closed",
        "--concurrency", "1", "--requests", "100", "--warmup", "0s");

    Await.result(new LoadGenerator(vertx, config).run());

    assertThat(first.requests()).isEqualTo(50);
    assertThat(second.requests()).isEqualTo(50);
  }
}
