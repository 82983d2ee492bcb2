package io.ringkv.antientropy;

import io.ringkv.cluster.BucketProps;
import io.ringkv.cluster.BucketRegistry;
import io.ringkv.replication.LocalReplica;
import io.ringkv.replication.ObjectRef;
import io.ringkv.storage.InMemoryPartitionedStore;
import io.ringkv.transport.GrpcPeerTransport;
import io.ringkv.transport.PeerServer;
import io.ringkv.transport.PeerTransport;
import io.ringkv.transport.proto.AntiEntropyGrpcService;
import io.ringkv.version.ClockPruning;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two replicas of partition 0, in memory, in one Vert.x: "ours" drives exchanges, "theirs" answers
 * them through a real peer server and the gRPC transport, so bytes are counted as they would be.
 */
final class ReplicaPair implements AutoCloseable {

  static final int PARTITION = 0;

  /** One replica: a store, its tree and the replica that keeps the tree current. */
  static final class Side {
    final InMemoryPartitionedStore store = new InMemoryPartitionedStore();
    final PartitionTrees trees;
    final LocalReplica replica;
    final LocalPartitions partitions;

    Side(Vertx vertx, int depth) {
      trees = new PartitionTrees(1, depth);
      replica = new LocalReplica(store, ClockPruning.shared(), trees);
      partitions = new LocalPartitions(trees, store, replica, BUCKETS, vertx.createSharedWorkerExecutor("test-ae", 2));
    }

    PartitionTree tree() {
      return trees.tree(PARTITION);
    }

    void build() {
      trees.build(store, PARTITION);
    }
  }

  final Vertx vertx = Vertx.vertx();
  final Side ours;
  final Side theirs;
  private final PeerServer server;
  private final PeerTransport transport;

  ReplicaPair(int ourDepth, int theirDepth) throws Exception {
    ours = new Side(vertx, ourDepth);
    theirs = new Side(vertx, theirDepth);
    server = await(PeerServer.listen(vertx, "127.0.0.1", 0,
        List.of(AntiEntropyGrpcService.of(new AntiEntropyEndpoint(theirs.partitions, true))), 1));
    transport = new GrpcPeerTransport(vertx);
  }

  static ObjectRef object(String key) {
    return new ObjectRef("b", key.getBytes(java.nio.charset.StandardCharsets.UTF_8), PARTITION);
  }

  /** Runs one exchange from our side, on a Vert.x context as the scheduler would. */
  ExchangeResult exchange() throws Exception {
    Promise<ExchangeResult> result = Promise.promise();
    vertx.getOrCreateContext().runOnContext(ignored -> {
      RemoteReplica remote = new RemoteReplica(
          vertx, transport, new BandwidthLimit(1L << 40, 0), "theirs", "127.0.0.1:" + server.actualPort(), 10_000);
      new Exchange(vertx, ours.partitions, remote, PARTITION, LoadSignal.NEVER_BUSY, System::currentTimeMillis)
          .run()
          .onComplete(result);
    });
    return await(result.future());
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    await(vertx.close());
  }

  private static final BucketRegistry BUCKETS = new BucketRegistry() {
    @Override
    public BucketProps props(String bucket) {
      return BucketProps.DEFAULTS;
    }

    @Override
    public Future<BucketProps> update(String bucket, BucketProps.Patch patch) {
      return Future.failedFuture(new UnsupportedOperationException("fixed bucket properties"));
    }
  };
}
