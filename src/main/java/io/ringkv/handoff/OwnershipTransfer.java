package io.ringkv.handoff;

import io.ringkv.cluster.ClusterBucketRegistry;
import io.ringkv.cluster.GossipMembership;
import io.ringkv.cluster.Membership;
import io.ringkv.cluster.NodeInfo;
import io.ringkv.cluster.PartitionMove;
import io.ringkv.cluster.RingState;
import io.ringkv.replication.LocalReplica;
import io.ringkv.storage.PartitionedStore;
import io.ringkv.transport.PeerTransport;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ownership transfer on this node, the part riak_core calls the handoff manager: it follows the
 * ring state and
 *
 * <ul>
 *   <li>during a {@linkplain RingState.Phase#HANDOFF handoff}, receives the partitions this node
 *       gains (a few at a time, each from the replica it replaces, or another current replica when
 *       that one is down), once every member holds the change and the grace has passed, and reports
 *       each completed partition through gossip;
 *   <li>once the ring is {@linkplain RingState.Phase#STABLE stable} everywhere (plus the grace),
 *       drops the partitions it no longer replicates — only then, so a reader that still uses the
 *       old ring finds its data;
 *   <li>on a node that has left, signals when it holds nothing any more, so the node can stop.
 * </ul>
 *
 * <p>Serves the other side of transfers through its {@link #endpoint()}.
 */
public final class OwnershipTransfer {

  private static final Logger log = LoggerFactory.getLogger(OwnershipTransfer.class);
  private static final long TICK_MILLIS = 250;
  /**
   * How often a stable node looks again for partitions to drop: a coordinator that still used an
   * older ring when it wrote may have left a stray copy behind.
   */
  private static final long DROP_PASS_MILLIS = 30_000;

  private final Vertx vertx;
  private final GossipMembership membership;
  private final PartitionedStore store;
  private final ClusterBucketRegistry buckets;
  private final HandoffOptions options;
  private final TransferProgress progress;
  private final PartitionSender sender;
  private final PartitionReceiver receiver;
  private final Runnable holdsNothing;
  private final Set<Integer> receiving = ConcurrentHashMap.newKeySet();
  private final AtomicLong partitionsReceived = new AtomicLong();
  private final AtomicBoolean dropping = new AtomicBoolean();
  private final AtomicBoolean finished = new AtomicBoolean();
  /** The ring-state version every member holds, and since when (ms); 0 while some do not. */
  private long heldVersion;
  private long heldSince;
  /** The ring-state version of the last drop pass, and when it ran (ms). */
  private long droppedFor;
  private long droppedAt;
  private long timer = -1;

  /**
   * @param progressFile where transfer progress persists (in the data directory)
   * @param holdsNothing called once when this node has left and dropped every partition
   */
  public OwnershipTransfer(
      Vertx vertx,
      GossipMembership membership,
      PartitionedStore store,
      LocalReplica local,
      ClusterBucketRegistry buckets,
      PeerTransport transport,
      Path progressFile,
      HandoffOptions options,
      long deadlineMillis,
      Runnable holdsNothing) {
    this.vertx = vertx;
    this.membership = membership;
    this.store = store;
    this.buckets = buckets;
    this.options = options;
    this.holdsNothing = holdsNothing;
    this.progress = TransferProgress.load(progressFile);
    this.sender = new PartitionSender(vertx, store);
    this.receiver =
        new PartitionReceiver(
            vertx, transport, local, bucket -> buckets.props(bucket).conflict(), progress, options,
            membership.self().id(), deadlineMillis);
  }

  /** The peer service that serves this node's partitions to the nodes that gain them. */
  public HandoffEndpoint endpoint() {
    return new HandoffEndpoint(sender);
  }

  /** Starts following the ring state; reports any progress saved before a restart at once. */
  public void start() {
    if (progress.version() > 0) {
      membership.reportHandoff(progress.snapshot());
    }
    membership.onRingState(state -> vertx.runOnContext(ignored -> tick()));
    timer = vertx.setPeriodic(TICK_MILLIS, id -> tick());
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }

  /** What has moved through this node so far. */
  public TransferStats stats() {
    return new TransferStats(
        partitionsReceived.get(), receiver.keysReceived(), receiver.bytesReceived(), sender.pagesServed(), sender.bytesSent());
  }

  private synchronized void tick() {
    RingState state = membership.ringState();
    if (state == null) {
      return;
    }
    boolean settledEverywhere = everyMemberHoldsForGrace(state);
    switch (state.phase()) {
      case HANDOFF -> receiveGained(state, settledEverywhere);
      case SETTLING -> {}
      case STABLE -> {
        if (settledEverywhere) {
          dropLost(state);
          if (!dropping.get()) {
            maybeFinished(state);
          }
        }
      }
    }
  }

  /**
   * Whether every member has held this ring state for the grace period: requests that began under
   * an older state (bounded by the request timeout) have then finished.
   */
  private boolean everyMemberHoldsForGrace(RingState state) {
    long now = System.currentTimeMillis();
    if (!membership.everyMemberHolds(state.version())) {
      heldSince = 0;
      return false;
    }
    if (heldVersion != state.version() || heldSince == 0) {
      heldVersion = state.version();
      heldSince = now;
    }
    return now - heldSince >= options.graceMillis();
  }

  private void receiveGained(RingState state, boolean mayStart) {
    String self = membership.self().id();
    if (progress.version() != state.version()) {
      progress.beginChange(state.version());
      vertx.executeBlocking(() -> {
        progress.save();
        return null;
      }, false);
    }
    membership.reportHandoff(progress.snapshot());
    if (!mayStart) {
      return;
    }
    List<PartitionMove> gained =
        state.moves().stream()
            .filter(move -> move.target().equals(self) && !progress.isDone(move.partition()))
            .toList();
    for (PartitionMove move : gained) {
      if (receiving.size() >= options.concurrency()) {
        return;
      }
      if (receiving.add(move.partition())) {
        start(state, move);
      }
    }
  }

  private void start(RingState state, PartitionMove move) {
    Optional<String> source = sourceAddress(state, move);
    if (source.isEmpty()) {
      receiving.remove(move.partition());
      return; // no current replica reachable: the next tick tries again
    }
    receiver
        .receive(move, state.version(), source.get())
        .onComplete(outcome -> {
          receiving.remove(move.partition());
          if (outcome.succeeded()) {
            partitionsReceived.incrementAndGet();
            log.info("node {} received partition {} from {}", move.target(), move.partition(), source.get());
            membership.reportHandoff(progress.snapshot());
            vertx.runOnContext(ignored -> tick());
          } else {
            log.warn("transfer of partition {} from {} to {} stopped, resuming later: {}",
                move.partition(), source.get(), move.target(), outcome.cause().getMessage());
          }
        });
  }

  /**
   * The replica the move names if it is up, else another replica of the partition in the ring
   * before the change that is up: a key acknowledged by W replicas is on at least one of them.
   */
  private Optional<String> sourceAddress(RingState state, PartitionMove move) {
    List<String> candidates =
        Stream.concat(
                Stream.of(move.source()),
                state.from().preferenceList(move.partition(), state.replicas()).primaries().stream())
            .distinct()
            .filter(id -> !id.equals(move.target()))
            .toList();
    for (String id : candidates) {
      if (membership.isUp(id)) {
        return membership.node(id).map(NodeInfo::peerAddress);
      }
    }
    return Optional.empty();
  }

  /** Drops the partitions this node stores but no longer replicates (blocking work off the loop). */
  private void dropLost(RingState state) {
    long now = System.currentTimeMillis();
    boolean due = droppedFor != state.version() || now - droppedAt >= DROP_PASS_MILLIS;
    if (!due || !dropping.compareAndSet(false, true)) {
      return;
    }
    droppedFor = state.version();
    droppedAt = now;
    String self = membership.self().id();
    int replicas = Math.max(state.replicas(), buckets.maxN());
    vertx
        .executeBlocking(() -> {
          int dropped = 0;
          for (int partition : store.partitions()) {
            if (!state.to().preferenceList(partition, replicas).primaries().contains(self)) {
              store.dropPartition(partition);
              dropped++;
            }
          }
          return dropped;
        }, false)
        .onComplete(outcome -> {
          dropping.set(false);
          if (outcome.succeeded() && outcome.result() > 0) {
            log.info("node {} dropped {} partitions it no longer replicates (ring state {})",
                self, outcome.result(), state.version());
          }
          if (outcome.failed()) {
            log.error("node {} could not drop partitions", self, outcome.cause());
          }
          maybeFinished(state);
        });
  }

  private void maybeFinished(RingState state) {
    String self = membership.self().id();
    if (membership.membership() == Membership.LEFT
        && !state.to().isMember(self)
        && store.partitions().isEmpty()
        && finished.compareAndSet(false, true)) {
      log.info("node {} has left the cluster and holds nothing: stopping", self);
      holdsNothing.run();
    }
  }

}
