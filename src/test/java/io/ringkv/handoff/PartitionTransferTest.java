package io.ringkv.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.cluster.PartitionMove;
import io.ringkv.replication.LocalReplica;
import io.ringkv.replication.ObjectRef;
import io.ringkv.storage.InMemoryPartitionedStore;
import io.ringkv.storage.PartitionedStore;
import io.ringkv.transport.PeerCallException;
import io.ringkv.transport.PeerTransport;
import io.ringkv.transport.proto.PullRequest;
import io.ringkv.version.ClockPruning;
import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.ServiceMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partition pulled page by page from a sender into a receiver, through a transport that calls the
 * sender directly and can fail a pull: the transfer resumes from its saved cursor, merges rather
 * than overwrites, and ends with every key.
 */
class PartitionTransferTest {

  private static final int PARTITION = 5;
  private static final long VERSION = 7;

  @TempDir Path directory;
  private final Vertx vertx = Vertx.vertx();
  private final PartitionedStore sourceStore = new InMemoryPartitionedStore();
  private final PartitionedStore targetStore = new InMemoryPartitionedStore();
  private final LocalReplica source = new LocalReplica(sourceStore, new ClockPruning(10));
  private final LocalReplica target = new LocalReplica(targetStore, new ClockPruning(10));
  private final AtomicInteger pulls = new AtomicInteger();
  private final List<PullRequest> requests = new ArrayList<>();
  private volatile int failPull = -1;

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A transport to one sender that fails the pull numbered {@link #failPull}. */
  private PeerTransport transportTo(PartitionSender sender) {
    return new PeerTransport() {
      @Override
      @SuppressWarnings("unchecked")
      public <Req, Rep> Future<Rep> call(String address, ServiceMethod<Rep, Req> method, Req request, long deadline) {
        requests.add((PullRequest) request);
        if (pulls.getAndIncrement() == failPull) {
          return Future.failedFuture(new PeerCallException("connection reset"));
        }
        return (Future<Rep>) sender.pull((PullRequest) request);
      }

      @Override
      public Future<Void> close() {
        return Future.succeededFuture();
      }
    };
  }

  private PartitionReceiver receiver(TransferProgress progress, PartitionSender sender, int pageKeys) {
    return new PartitionReceiver(
        vertx, transportTo(sender), target, bucket -> ConflictMode.SIBLINGS, progress,
        new HandoffOptions(pageKeys, 1 << 20, 1, 0), "d", 1_000);
  }

  /** A client write coordinated by the replica, under an actor of its own. */
  private void write(LocalReplica replica, String key, String value) {
    replica.coordinate(
        ref(key),
        new LocalReplica.ClientWrite(
            io.ringkv.version.VersionVector.empty(), value.getBytes(StandardCharsets.UTF_8), "text/plain", false,
            ConflictMode.SIBLINGS),
        replica == source ? "a@1" : "d@1", System.currentTimeMillis());
  }

  private static ObjectRef ref(String key) {
    return new ObjectRef("b", key.getBytes(StandardCharsets.UTF_8), PARTITION);
  }

  private static List<String> values(LocalReplica replica, String key) {
    SiblingSet stored = replica.read(ref(key));
    return stored.siblings().stream().map(s -> new String(s.value(), StandardCharsets.UTF_8)).sorted().toList();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void a_transfer_cut_midway_resumes_after_the_last_merged_key_and_keeps_writes_made_meanwhile() throws Exception {
    for (int i = 0; i < 95; i++) {
      write(source, "k" + i, "v" + i);
    }
    write(target, "k3", "written-during-transfer");
    Path file = directory.resolve("progress.json");
    TransferProgress progress = TransferProgress.load(file);
    progress.beginChange(VERSION);
    PartitionMove move = new PartitionMove(PARTITION, "a", "d");
    failPull = 4;

    Future<Boolean> cut = receiver(progress, new PartitionSender(vertx, sourceStore), 10)
        .receive(move, VERSION, "a:1")
        .transform(outcome -> Future.succeededFuture(outcome.failed()));
    boolean failed = await(cut);
    assertThat(failed).as("the fifth pull fails").isTrue();
    assertThat(TransferProgress.load(file).cursor(PARTITION)).as("cursor saved after 4 pages").isNotNull();

    // Both sides start over: a new sender (its snapshot is gone), a receiver reading the saved progress.
    TransferProgress resumed = TransferProgress.load(file);
    int pullsBefore = pulls.get();
    await(receiver(resumed, new PartitionSender(vertx, sourceStore), 10).receive(move, VERSION, "a:1"));

    assertThat(pulls.get() - pullsBefore).as("pulls after the resume").isEqualTo(6);
    assertThat(requests.get(pullsBefore).getFromStart()).isFalse();
    assertThat(resumed.isDone(PARTITION)).isTrue();
    assertThat(TransferProgress.load(file).isDone(PARTITION)).isTrue();
    for (int i = 0; i < 95; i++) {
      if (i != 3) {
        assertThat(values(target, "k" + i)).containsExactly("v" + i);
      }
    }
    assertThat(values(target, "k3")).containsExactly("v3", "written-during-transfer");
  }

  @Test
  void pages_respect_the_byte_limit_but_always_carry_one_entry() throws Exception {
    for (int i = 0; i < 5; i++) {
      write(source, "big" + i, "x".repeat(1_000));
    }
    PartitionSender sender = new PartitionSender(vertx, sourceStore);
    PullRequest first = PullRequest.newBuilder().setPartition(PARTITION).setRingVersion(VERSION)
        .setFromStart(true).setMaxKeys(100).setMaxBytes(10).build();
    var page = await(sender.pull(first));
    assertThat(page.getEntriesCount()).isEqualTo(1);
    assertThat(page.getDone()).isFalse();

    PullRequest all = first.toBuilder().setMaxBytes(1 << 20).build();
    var whole = await(sender.pull(all));
    assertThat(whole.getEntriesCount()).isEqualTo(5);
    assertThat(whole.getDone()).isTrue();
  }

  @Test
  void an_empty_partition_is_done_at_the_first_pull() throws Exception {
    TransferProgress progress = TransferProgress.load(directory.resolve("p.json"));
    progress.beginChange(VERSION);
    await(receiver(progress, new PartitionSender(vertx, sourceStore), 10)
        .receive(new PartitionMove(PARTITION, "a", "d"), VERSION, "a:1"));
    assertThat(progress.isDone(PARTITION)).isTrue();
    assertThat(pulls.get()).isEqualTo(1);
  }

  @Test
  void progress_of_another_change_is_forgotten() {
    TransferProgress progress = TransferProgress.load(directory.resolve("q.json"));
    progress.beginChange(3);
    progress.complete(3, 1);
    progress.advance(3, 2, new byte[] {9});
    progress.beginChange(3);
    assertThat(progress.isDone(1)).isTrue();
    progress.beginChange(4);
    assertThat(progress.isDone(1)).isFalse();
    assertThat(progress.cursor(2)).isNull();
    assertThat(progress.snapshot().version()).isEqualTo(4);
  }
}
