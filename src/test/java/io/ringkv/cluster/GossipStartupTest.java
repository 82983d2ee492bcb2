package io.ringkv.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.transport.PeerCallException;
import io.ringkv.transport.PeerTransport;
import io.ringkv.transport.proto.GossipGrpcClient;
import io.ringkv.transport.proto.GossipDigest;
import io.ringkv.transport.proto.GossipReply;
import io.ringkv.transport.proto.GossipSender;
import io.ringkv.transport.proto.HelloRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.server.StatusException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose peer port is bound but whose gossip has not started yet must not answer as if it
 * had nothing to say (or no addresses): the seed that asked would count it as reached without
 * knowing it, and could found a cluster without it while it founds another (two rings that refuse
 * each other for good).
 */
class GossipStartupTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void a_node_that_has_not_started_gossiping_says_it_is_starting_instead_of_answering_empty(@TempDir Path dir)
      throws Exception {
    GossipMembership starting = membership("n1", dir.resolve("n1"), new NoCalls());
    GossipDigest digest =
        GossipDigest.newBuilder()
            .setFrom(GossipSender.newBuilder()
                .setId("n2").setPeerAddress("127.0.0.1:1").setClusterName("ringkv").setPartitionCount(16))
            .build();

    GossipReply answer = starting.onExchange(digest);

    assertThat(answer.getStarting()).as("an exchange with a node still starting").isTrue();
    assertThat(answer.getEntriesList()).isEmpty();
  }

  @Test
  void a_seed_that_is_still_starting_is_not_counted_as_reached_and_no_ring_is_founded_without_it(
      @TempDir Path dir) throws Exception {
    GossipMembership starting = membership("n1", dir.resolve("n1"), new NoCalls());
    ExchangesWith toStarting = new ExchangesWith(starting);
    GossipMembership asking = membership("n2", dir.resolve("n2"), toStarting);

    asking.start(new NodeInfo("n2", "127.0.0.1:2", "127.0.0.1:3", "127.0.0.1:4", "", 1), List.of("127.0.0.1:1"));
    // Three rounds heard "starting": the first two have reasoned on it since (each round
    // decides right after its exchanges).
    toStarting.answered.acquire(3);

    Claimant.Status status = asking.claimantStatus();
    assertThat(status.change()).isNull();
    assertThat(status.waiting()).contains("waiting to reach seeds [127.0.0.1:1]");
    assertThat(asking.ringState()).isNull();
    asking.stop();
  }

  @Test
  void a_node_that_has_not_started_refuses_a_hello_instead_of_answering_with_no_addresses(@TempDir Path dir) {
    ClusterEndpoint endpoint = new ClusterEndpoint(
        () -> new NodeInfo("n1", "", "", "", "", 1),
        new ClusterIdentity("ringkv", 16),
        new ClusterBucketRegistry(vertx, dir.resolve("buckets.json"), "n1", System::currentTimeMillis));
    HelloRequest hello = HelloRequest.newBuilder()
        .setFrom(io.ringkv.transport.proto.NodeInfo.newBuilder()
            .setId("n2").setPeerAddress("127.0.0.1:1").setClusterName("ringkv").setPartitionCount(16))
        .build();

    Future<?> answer = endpoint.hello(hello);

    assertThat(answer.failed()).isTrue();
    assertThat(answer.cause()).isInstanceOf(StatusException.class);
    assertThat(((StatusException) answer.cause()).status()).isEqualTo(GrpcStatus.UNAVAILABLE);
  }

  private GossipMembership membership(String id, Path dir, PeerTransport transport) throws Exception {
    Files.createDirectories(dir);
    ClusterStateFile stateFile = new ClusterStateFile(dir);
    return new GossipMembership(
        vertx,
        transport,
        new NodeInfo(id, "", "", "", "", 1),
        new ClusterIdentity("ringkv", 16),
        new ClusterBucketRegistry(vertx, dir.resolve("buckets.json"), id, System::currentTimeMillis),
        stateFile,
        stateFile.load(),
        1,
        new GossipOptions(100, FailureDetector.DEFAULT_THRESHOLD),
        () -> Load.NONE);
  }

  /** Every gossip exchange goes to {@code callee}; nothing else is answered. */
  private static final class ExchangesWith implements PeerTransport {
    /** A permit per exchange answered. */
    final Semaphore answered = new Semaphore(0);
    private final GossipMembership callee;

    ExchangesWith(GossipMembership callee) {
      this.callee = callee;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <Req, Rep> Future<Rep> call(
        String peerAddress, ServiceMethod<Rep, Req> method, Req request, long deadlineMillis) {
      if (method == GossipGrpcClient.Exchange) {
        Future<GossipReply> reply = Future.succeededFuture(callee.onExchange((GossipDigest) request));
        answered.release();
        return (Future<Rep>) reply;
      }
      return Future.failedFuture(new PeerCallException("only exchanges here"));
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  /** The node under test never starts, so it never calls anyone. */
  private static final class NoCalls implements PeerTransport {
    @Override
    public <Req, Rep> Future<Rep> call(
        String peerAddress, ServiceMethod<Rep, Req> method, Req request, long deadlineMillis) {
      return Future.failedFuture(new AssertionError("no call expected"));
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }
}
