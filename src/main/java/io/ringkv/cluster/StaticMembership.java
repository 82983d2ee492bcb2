package io.ringkv.cluster;

import io.ringkv.ring.Claim;
import io.ringkv.ring.NodeSpec;
import io.ringkv.ring.Ring;
import io.ringkv.transport.PeerTransport;
import io.ringkv.transport.proto.ClusterGrpcClient;
import io.ringkv.transport.proto.HelloReply;
import io.ringkv.transport.proto.HelloRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership fixed by {@code --seeds}: the members are the seeds plus this node. Every second it
 * says hello to each seed, which identifies them, exchanges bucket properties and doubles as a
 * liveness probe. Once every seed has answered once, the ring is the deterministic initial claim
 * over that member set, so every node computes the same ring without talking about it.
 *
 * <p>The membership issue replaces this with gossip; the {@link ClusterView} port stays.
 */
public final class StaticMembership implements ClusterView {

  private static final Logger log = LoggerFactory.getLogger(StaticMembership.class);
  private static final long PROBE_INTERVAL_MILLIS = 1_000;

  private final Vertx vertx;
  private final PeerTransport transport;
  private final ClusterIdentity identity;
  private volatile NodeInfo self;
  private volatile List<String> seeds = List.of();
  private final ClusterBucketRegistry buckets;
  private final Map<String, NodeInfo> nodes = new ConcurrentHashMap<>();
  private final Map<String, String> idsBySeed = new ConcurrentHashMap<>();
  private final Map<String, Boolean> up = new ConcurrentHashMap<>();
  private final Map<String, String> refusals = new ConcurrentHashMap<>();
  private final Promise<Void> ready = Promise.promise();
  private volatile Ring ring;
  private long probeTimer = -1;

  /**
   * @param self this node; its addresses may still be unknown (ports bound later), see {@link #start}
   */
  public StaticMembership(
      Vertx vertx,
      PeerTransport transport,
      NodeInfo self,
      ClusterIdentity identity,
      ClusterBucketRegistry buckets) {
    this.vertx = vertx;
    this.transport = transport;
    this.self = self;
    this.identity = identity;
    this.buckets = buckets;
  }

  /**
   * Starts probing the seeds; the future completes once the ring is known.
   *
   * @param advertised this node with the addresses its servers actually bound
   * @param seedAddresses peer addresses of the members; may include this node's own address
   */
  public Future<Void> start(NodeInfo advertised, List<String> seedAddresses) {
    self = advertised;
    seeds = seedAddresses.stream().filter(seed -> !seed.equals(advertised.peerAddress())).distinct().toList();
    nodes.put(advertised.id(), advertised);
    probeTimer = vertx.setPeriodic(0, PROBE_INTERVAL_MILLIS, id -> probeSeeds());
    maybeComputeRing();
    return ready.future();
  }

  public void stop() {
    vertx.cancelTimer(probeTimer);
  }

  private void probeSeeds() {
    HelloRequest hello =
        HelloRequest.newBuilder()
            .setFrom(ClusterMessages.toProto(self, identity))
            .addAllBuckets(buckets.entries())
            .build();
    for (String seed : seeds) {
      transport
          .call(seed, ClusterGrpcClient.Hello, hello, PROBE_INTERVAL_MILLIS)
          .onSuccess(reply -> onHello(seed, reply))
          .onFailure(failure -> onSilence(seed, failure));
    }
  }

  private void onHello(String seed, HelloReply reply) {
    String refusal = identity.refusal(reply.getNode());
    if (refusal != null) {
      if (refusals.put(seed, refusal) == null) {
        log.error("seed {} is not part of this cluster: {}", seed, refusal);
      }
      return;
    }
    NodeInfo node = ClusterMessages.fromProto(reply.getNode());
    if (node.peerAddress().isBlank()) {
      // A node that restarts answers before it knows the addresses it bound: not callable yet.
      return;
    }
    nodes.put(node.id(), node);
    idsBySeed.put(seed, node.id());
    up.put(node.id(), true);
    buckets.mergeAll(reply.getBucketsList());
    maybeComputeRing();
  }

  private void onSilence(String seed, Throwable failure) {
    String id = idsBySeed.get(seed);
    if (id == null) {
      log.debug("seed {} not reachable yet: {}", seed, failure.getMessage());
    } else {
      up.put(id, false);
    }
  }

  /** A peer said hello to us: it is alive. */
  public void onHelloFrom(NodeInfo node) {
    if (nodes.containsKey(node.id())) {
      up.put(node.id(), true);
    }
  }

  private synchronized void maybeComputeRing() {
    if (ring != null || idsBySeed.size() < seeds.size()) {
      return;
    }
    List<NodeSpec> members =
        nodes.values().stream().map(node -> new NodeSpec(node.id(), node.rack(), node.weight())).toList();
    ring = Claim.initial(identity.partitionCount(), members);
    log.info("node {} ready: {} members, {} partitions", self.id(), members.size(), identity.partitionCount());
    ready.tryComplete();
  }

  @Override
  public NodeInfo self() {
    return self;
  }

  @Override
  public boolean isReady() {
    return ring != null;
  }

  @Override
  public Ring ring() {
    Ring current = ring;
    if (current == null) {
      throw new IllegalStateException("the ring is not known yet");
    }
    return current;
  }

  @Override
  public Collection<NodeInfo> nodes() {
    return List.copyOf(nodes.values());
  }

  @Override
  public Optional<NodeInfo> node(String id) {
    return Optional.ofNullable(nodes.get(id));
  }

  @Override
  public boolean isUp(String id) {
    return id.equals(self.id()) || up.getOrDefault(id, false);
  }

  @Override
  public void reportCall(String id, boolean succeeded) {
    if (!id.equals(self.id()) && nodes.containsKey(id)) {
      up.put(id, succeeded);
    }
  }
}
