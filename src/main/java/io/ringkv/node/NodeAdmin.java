package io.ringkv.node;

import io.ringkv.api.AdminView;
import io.ringkv.cluster.BucketRegistry;
import io.ringkv.cluster.ClusterView;
import io.ringkv.cluster.NodeInfo;
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

/** The node's state in the admin JSON shapes of DESIGN.md Part B. */
final class NodeAdmin implements AdminView {

  private final ClusterView cluster;
  private final BucketRegistry buckets;
  private final LocalReplica local;
  private final HintStore hints;

  NodeAdmin(ClusterView cluster, BucketRegistry buckets, LocalReplica local, HintStore hints) {
    this.cluster = cluster;
    this.buckets = buckets;
    this.local = local;
    this.hints = hints;
  }

  @Override
  public boolean ready() {
    return cluster.isReady();
  }

  @Override
  public JsonObject members() {
    JsonArray members = new JsonArray();
    cluster.nodes().stream()
        .sorted(Comparator.comparing(NodeInfo::id))
        .forEach(node -> members.add(member(node)));
    return new JsonObject().put("members", members);
  }

  private JsonObject member(NodeInfo node) {
    return new JsonObject()
        .put("id", node.id())
        .put("peerAddress", node.peerAddress())
        .put("httpAddress", node.httpAddress())
        .put("grpcAddress", node.grpcAddress())
        .put("rack", node.rack())
        .put("state", state(node.id()))
        .put("membership", "member")
        .put("partitions", cluster.isReady() ? cluster.ring().ownedCount(node.id()) : 0);
  }

  @Override
  public JsonObject ring() {
    if (!cluster.isReady()) {
      throw new RequestException(RequestError.NOT_READY, "the ring is not known yet");
    }
    Ring ring = cluster.ring();
    int n = buckets.props("default").n();
    JsonArray partitions = new JsonArray();
    for (int partition = 0; partition < ring.partitionCount(); partition++) {
      partitions.add(
          new JsonObject()
              .put("partition", partition)
              .put("owner", ring.owner(partition))
              .put("replicas", new JsonArray(ring.preferenceList(partition, n).primaries())));
    }
    return new JsonObject()
        .put("partitionCount", ring.partitionCount())
        .put("version", ring.version())
        .put("partitions", partitions)
        .put("pendingTransfers", new JsonArray());
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
    return new JsonObject().put("partitions", new JsonArray());
  }

  @Override
  public Future<Void> join(String seed) {
    return Future.failedFuture(
        new RequestException(
            RequestError.BAD_REQUEST,
            "membership is fixed by --seeds in this version; dynamic join is not available yet"));
  }

  @Override
  public Future<Void> leave() {
    return Future.failedFuture(
        new RequestException(
            RequestError.BAD_REQUEST,
            "membership is fixed by --seeds in this version; leave is not available yet"));
  }

  private String state(String id) {
    return cluster.isUp(id) ? "up" : "down";
  }
}
