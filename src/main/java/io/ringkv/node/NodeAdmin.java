package io.ringkv.node;

import io.ringkv.antientropy.AntiEntropy;
import io.ringkv.api.AdminView;
import io.ringkv.cluster.Claimant;
import io.ringkv.cluster.ClusterBucketRegistry;
import io.ringkv.cluster.GossipMembership;
import io.ringkv.cluster.Membership;
import io.ringkv.cluster.NodeEntry;
import io.ringkv.cluster.PartitionMove;
import io.ringkv.cluster.RingState;
import io.ringkv.cluster.SeedUnreachableException;
import io.ringkv.handoff.TransferStats;
import io.ringkv.replication.LocalReplica;
import io.ringkv.replication.ObjectRef;
import io.ringkv.replication.RequestError;
import io.ringkv.replication.RequestException;
import io.ringkv.ring.PreferenceList;
import io.ringkv.ring.Ring;
import io.ringkv.storage.HintStore;
import io.ringkv.version.ContextCodec;
import io.ringkv.version.Sibling;
import io.ringkv.version.SiblingSet;
import io.ringkv.version.VersionVector;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The node's state in the admin JSON shapes of DESIGN.md Part B. Beyond the contract's fields,
 * members carry their keys and bytes stored (as gossip last reported them), and both
 * {@code /admin/members} and {@code /admin/ring} say who the claimant is, whether the ring is
 * ready and, when a membership change waits, why.
 */
final class NodeAdmin implements AdminView {

  private final GossipMembership cluster;
  private final ClusterBucketRegistry buckets;
  private final LocalReplica local;
  private final AntiEntropy antiEntropy;
  private final Supplier<TransferStats> transfers;
  private final BooleanSupplier ready;
  private final HintStore hints;

  NodeAdmin(
      GossipMembership cluster,
      ClusterBucketRegistry buckets,
      LocalReplica local,
      AntiEntropy antiEntropy,
      Supplier<TransferStats> transfers,
      BooleanSupplier ready,
      HintStore hints) {
    this.cluster = cluster;
    this.buckets = buckets;
    this.local = local;
    this.antiEntropy = antiEntropy;
    this.transfers = transfers;
    this.ready = ready;
    this.hints = hints;
  }

  @Override
  public boolean ready() {
    return ready.getAsBoolean();
  }

  /** Every node gossip knows but those that have left, with its state as this node sees it. */
  @Override
  public JsonObject members() {
    JsonArray members = new JsonArray();
    cluster.entries().stream()
        .filter(entry -> entry.membership() != Membership.LEFT)
        .sorted(Comparator.comparing(NodeEntry::id))
        .forEach(entry -> members.add(member(entry)));
    return claimant(new JsonObject().put("members", members));
  }

  private JsonObject member(NodeEntry entry) {
    return new JsonObject()
        .put("id", entry.id())
        .put("peerAddress", entry.node().peerAddress())
        .put("httpAddress", entry.node().httpAddress())
        .put("grpcAddress", entry.node().grpcAddress())
        .put("rack", entry.node().rack())
        .put("state", state(entry.id()))
        .put("membership", entry.membership().label())
        .put("partitions", cluster.ringState() == null ? 0 : cluster.ringState().readRing().ownedCount(entry.id()))
        .put("keys", entry.keys())
        .put("bytes", entry.bytes())
        .put("generation", entry.generation())
        .put("ringVersion", entry.ringVersion());
  }

  /** Adds who the claimant is, whether the ring is ready, why a change waits, who refused whom. */
  private JsonObject claimant(JsonObject json) {
    Claimant.Status status = cluster.claimantStatus();
    json.put("claimant", status.claimant()).put("ringReady", status.ringReady());
    if (status.waiting() != null) {
      json.put("waiting", status.waiting());
    }
    if (!cluster.refusals().isEmpty()) {
      json.put("refused", new JsonObject(new TreeMap<>(cluster.refusals())));
    }
    return json;
  }

  @Override
  public JsonObject ring() {
    RingState state = cluster.ringState();
    if (state == null) {
      throw new RequestException(RequestError.NOT_READY, "the ring is not known yet");
    }
    Ring ring = state.readRing();
    int n = buckets.props("default").n();
    JsonArray partitions = new JsonArray();
    for (int partition = 0; partition < ring.partitionCount(); partition++) {
      partitions.add(
          new JsonObject()
              .put("partition", partition)
              .put("owner", ring.owner(partition))
              .put("replicas", new JsonArray(ring.preferenceList(partition, n).primaries())));
    }
    JsonArray pending = new JsonArray();
    for (PartitionMove move : cluster.pendingMoves()) {
      pending.add(
          new JsonObject().put("partition", move.partition()).put("from", move.source()).put("to", move.target()));
    }
    return claimant(
        new JsonObject()
            .put("partitionCount", ring.partitionCount())
            .put("version", state.version())
            .put("phase", state.phase().label())
            .put("partitions", partitions)
            .put("pendingTransfers", pending)
            .put("transfers", transferStats()));
  }

  /** What ownership transfer moved through this node since it started. */
  private JsonObject transferStats() {
    TransferStats stats = transfers.get();
    return new JsonObject()
        .put("partitionsReceived", stats.partitionsReceived())
        .put("keysReceived", stats.keysReceived())
        .put("bytesReceived", stats.bytesReceived())
        .put("pagesServed", stats.pagesServed())
        .put("bytesSent", stats.bytesSent());
  }

  @Override
  public JsonObject preferenceList(String bucket, byte[] key) {
    if (!cluster.isReady()) {
      throw new RequestException(RequestError.NOT_READY, "the ring is not known yet");
    }
    Ring ring = cluster.ring();
    int partition = ring.scheme().partitionOf(bucket, key);
    PreferenceList list = ring.preferenceList(partition, buckets.props(bucket).n());
    JsonArray nodes = new JsonArray();
    list.primaries().forEach(id -> nodes.add(listed(id, "primary")));
    list.fallbacks().forEach(id -> nodes.add(listed(id, "fallback")));
    return new JsonObject().put("partition", partition).put("nodes", nodes);
  }

  private JsonObject listed(String id, String role) {
    return new JsonObject().put("id", id).put("role", role).put("state", state(id));
  }

  @Override
  public Optional<JsonObject> local(String bucket, byte[] key) {
    if (!cluster.isReady()) {
      throw new RequestException(RequestError.NOT_READY, "the ring is not known yet");
    }
    int partition = cluster.ring().scheme().partitionOf(bucket, key);
    SiblingSet stored = local.read(new ObjectRef(bucket, key, partition));
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    JsonArray siblings = new JsonArray();
    stored.siblings().forEach(sibling -> siblings.add(sibling(sibling)));
    return Optional.of(
        new JsonObject()
            .put("partition", partition)
            .put("siblings", siblings)
            .put("context", ContextCodec.toHeader(stored.context())));
  }

  private static JsonObject sibling(Sibling sibling) {
    return new JsonObject()
        .put("value", Base64.getEncoder().encodeToString(sibling.value()))
        .put("contentType", sibling.contentType() == null ? "application/octet-stream" : sibling.contentType())
        .put("deleted", sibling.deleted())
        .put("dot", new JsonObject().put(sibling.dot().actor(), sibling.dot().counter()))
        .put("clock", clock(sibling.clock()))
        .put("timestamp", sibling.timestampMillis());
  }

  private static JsonObject clock(VersionVector clock) {
    JsonObject json = new JsonObject();
    clock.entries().forEach(entry -> json.put(entry.actor(), entry.counter()));
    return json;
  }

  /** Hints this node keeps for other nodes, by intended owner. */
  @Override
  public JsonObject hints() {
    JsonObject byTarget = new JsonObject();
    long pending = 0;
    for (Map.Entry<String, Long> target : hints.pendingByTarget().entrySet()) {
      byTarget.put(target.getKey(), target.getValue());
      pending += target.getValue();
    }
    return new JsonObject().put("pending", pending).put("byTarget", byTarget);
  }

  @Override
  public JsonObject antiEntropy() {
    return antiEntropy.status();
  }

  @Override
  public Future<JsonObject> repair() {
    return antiEntropy.repair();
  }

  @Override
  public Future<Void> join(String seed) {
    return cluster.join(seed).recover(NodeAdmin::refused);
  }

  /** Leaving must keep at least as many members as the largest n of any bucket. */
  @Override
  public Future<Void> leave() {
    return cluster.requestLeave(buckets.maxN()).recover(NodeAdmin::refused);
  }

  /**
   * A membership change the node refuses: 400 with the reason; 503 when its seed did not answer,
   * since the same request may well succeed later.
   */
  private static Future<Void> refused(Throwable failure) {
    if (failure instanceof SeedUnreachableException) {
      return Future.failedFuture(
          new RequestException(RequestError.SEED_UNREACHABLE, failure.getMessage()));
    }
    if (failure instanceof IllegalArgumentException || failure instanceof IllegalStateException) {
      return Future.failedFuture(new RequestException(RequestError.BAD_REQUEST, failure.getMessage()));
    }
    return Future.failedFuture(failure);
  }

  private String state(String id) {
    return cluster.isUp(id) ? "up" : "down";
  }
}
