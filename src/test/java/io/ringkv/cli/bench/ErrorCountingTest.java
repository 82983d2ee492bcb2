package io.ringkv.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringkv.cli.BenchCommand;
import io.ringkv.api.grpc.v1.GetRequest;
import io.ringkv.api.grpc.v1.GetResponse;
import io.ringkv.api.grpc.v1.KeyValueGrpcService;
import io.ringkv.api.grpc.v1.KeyValueService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Failures are counted per operation and kind; they never end the run. */
@ExtendWith(VertxExtension.class)
class ErrorCountingTest {

  @Test
  void serverErrorsAreCountedPerOperation(Vertx vertx) throws Exception {
    ProbeServer failing = Await.result(ProbeServer.start(vertx, (request, sinceFirst) -> ProbeServer.Reply.now(500)));

    BenchReport report = run(vertx, failing);

    for (Operation operation : Operation.values()) {
      OperationStats stats = report.stats(operation);
      assertThat(stats.count()).as(operation.label()).isPositive();
      assertThat(stats.errors()).as(operation.label()).isEqualTo(stats.count());
      assertThat(stats.errorsByKind()).isEqualTo(Map.of("HTTP 500", stats.count()));
    }
    assertThat(report.total().count()).isEqualTo(200);
  }

  @Test
  void notFoundIsASuccessForReadsButAnErrorForWrites(Vertx vertx) throws Exception {
    ProbeServer empty = Await.result(ProbeServer.start(vertx, (request, sinceFirst) -> ProbeServer.Reply.now(404)));

    BenchReport report = run(vertx, empty);

    OperationStats gets = report.stats(Operation.GET);
    assertThat(gets.errors()).isZero();
    assertThat(gets.notFound()).isEqualTo(gets.count()).isPositive();
    OperationStats puts = report.stats(Operation.PUT);
    assertThat(puts.errors()).isEqualTo(puts.count()).isPositive();
  }

  @Test
  void grpcGetsAnsweredFoundFalseAreNotFound(Vertx vertx) throws Exception {
    HttpServer empty = Await.result(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(GrpcServer.server(vertx).addService(KeyValueGrpcService.of(new EmptyKeyValue())))
        .listen());
    BenchConfig config = BenchCommand.configFrom("--api", "grpc", "--grpc", "127.0.0.1:" + empty.actualPort(),
        "--mode", "closed", "--concurrency", "4", "--read-ratio", "1", "--requests", "20", "--warmup", "0s",
        "--seed", "13");

    BenchReport report = Await.result(new LoadGenerator(vertx, config).run());

    OperationStats gets = report.stats(Operation.GET);
    assertThat(gets.count()).isEqualTo(20);
    assertThat(gets.errors()).isZero();
    assertThat(gets.notFound()).as("a gRPC Get answering found=false is a miss, as a 404 is over HTTP").isEqualTo(20);
  }

  /** A ringkv gRPC API that holds no key: a Get answers found=false with OK, as a real node does. */
  private static final class EmptyKeyValue extends KeyValueService {
    @Override
    public Future<GetResponse> get(GetRequest request) {
      return Future.succeededFuture(GetResponse.newBuilder().setFound(false).build());
    }
  }

  @Test
  void droppedConnectionsAreCountedAsErrors(Vertx vertx) throws Exception {
    ProbeServer hangingUp = Await.result(ProbeServer.start(vertx, (request, sinceFirst) -> ProbeServer.Reply.CLOSE_CONNECTION));

    BenchReport report = run(vertx, hangingUp);

    assertThat(report.total().count()).isEqualTo(200);
    assertThat(report.total().errors()).isEqualTo(200);
    assertThat(report.total().errorsByKind().keySet()).allSatisfy(kind -> assertThat(kind).isNotBlank());
  }

  @Test
  void anUnreachableTargetFailsTheRunWithAClearMessage(Vertx vertx) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    BenchConfig config = BenchCommand.configFrom("--url", "http://127.0.0.1:" + closedPort, "--requests", "10");

    assertThatThrownBy(() -> Await.result(new LoadGenerator(vertx, config).run()))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(UnreachableTargetException.class)
        .hasMessageStartingWith("cannot connect to http://127.0.0.1:" + closedPort);
  }

  private static BenchReport run(Vertx vertx, ProbeServer server) throws Exception {
    BenchConfig config = BenchCommand.configFrom("--url", server.url(), "--mode", "closed", "--concurrency", "4",
        "--requests", "200", "--warmup", "0s", "--seed", "13");
    return Await.result(new LoadGenerator(vertx, config).run());
  }
}
