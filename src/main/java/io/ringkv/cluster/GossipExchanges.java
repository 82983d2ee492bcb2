package io.ringkv.cluster;

import io.ringkv.transport.PeerTransport;
import io.ringkv.transport.proto.GossipDeliverReply;
import io.ringkv.transport.proto.GossipDelta;
import io.ringkv.transport.proto.GossipDigest;
import io.ringkv.transport.proto.GossipGrpcClient;
import io.ringkv.transport.proto.GossipReply;
import io.ringkv.transport.proto.GossipSender;
import io.ringkv.transport.proto.RingStateMessage;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Both sides of a gossip exchange, in three legs over two calls (as Cassandra's SYN, ACK, ACK2):
 * the caller's digest of every entry's version; the callee's reply with what it knows newer and
 * the ids it wants; the caller's delta with those, answered by the callee's own entry. Bucket
 * properties and the ring state ride along whenever their digests differ.
 *
 * <p>A peer of another cluster, partition count or ring lineage is refused at the first leg, with
 * the reason in the reply, and both sides remember the refusal for operators.
 */
final class GossipExchanges {

  private static final GossipReply STARTING = GossipReply.newBuilder().setStarting(true).build();
  private static final Logger log = LoggerFactory.getLogger(GossipExchanges.class);

  private final GossipState state;
  private final PeerTransport transport;
  private final ClusterIdentity identity;
  private final ClusterBucketRegistry buckets;
  private final long deadlineMillis;
  private final Refusals refusals = new Refusals();
  private final Set<String> answered = ConcurrentHashMap.newKeySet();

  GossipExchanges(
      GossipState state, PeerTransport transport, ClusterIdentity identity, ClusterBucketRegistry buckets,
      long deadlineMillis) {
    this.state = state;
    this.transport = transport;
    this.identity = identity;
    this.buckets = buckets;
    this.deadlineMillis = deadlineMillis;
  }

  // ---------------------------------------------------------------------------------------------
  // The caller's side

  /** One exchange with a peer: digest, reply, then the delta it asked for. */
  Future<Void> exchange(String address) {
    return transport
        .call(address, GossipGrpcClient.Exchange, digest(), deadlineMillis)
        .compose(reply -> onReply(address, reply))
        .onFailure(failure -> state.idAt(address)
            .filter(id -> !refusals.has(address))
            .ifPresent(id -> state.detector().reportCall(id, false)));
  }

  private GossipDigest digest() {
    GossipDigest.Builder digest = GossipDigest.newBuilder().setFrom(sender());
    state.digest().forEach(version -> digest.addEntries(GossipMessages.toProto(version)));
    RingState known = state.ring();
    if (known != null) {
      digest.setRingVersion(known.version()).setRingFingerprint(known.fingerprint()).setRingLineage(known.lineage());
    }
    return digest.setBucketsDigest(buckets.digest()).build();
  }

  private Future<Void> onReply(String address, GossipReply reply) {
    if (!reply.getRefused().isEmpty()) {
      if (refusals.record(address, reply.getRefused())) {
        log.error("peer {} refuses this node: {}", address, reply.getRefused());
      }
      return Future.failedFuture(new IllegalStateException(reply.getRefused()));
    }
    if (reply.getStarting()) {
      // Alive (good news for the failure detector) but it has said nothing yet: not reached.
      state.idAt(address).ifPresent(id -> state.detector().reportCall(id, true));
      return Future.succeededFuture();
    }
    refusals.remove(address);
    answered.add(address);
    state.receive(entries(reply.getEntriesList()), ringOf(reply.hasRing() ? reply.getRing() : null));
    state.heardFromPeer();
    buckets.mergeAll(reply.getBucketsList());
    state.idAt(address).ifPresent(id -> state.detector().reportCall(id, true));
    if (reply.getWantedCount() == 0 && !reply.getWantsRing() && !reply.getWantsBuckets()) {
      return Future.succeededFuture();
    }
    GossipDelta.Builder delta = GossipDelta.newBuilder().setFrom(sender());
    state.entries(reply.getWantedList()).forEach(entry -> delta.addEntries(GossipMessages.toProto(entry)));
    RingStateMessage ring = state.ringMessage();
    if (reply.getWantsRing() && ring != null) {
      delta.setRing(ring);
    }
    if (reply.getWantsBuckets()) {
      delta.addAllBuckets(buckets.entries());
    }
    return deliver(address, delta.build());
  }

  /** The last leg (or a ring state the claimant pushes): the peer answers with its own entry. */
  Future<Void> deliver(String address, GossipDelta delta) {
    return transport
        .call(address, GossipGrpcClient.Deliver, delta, deadlineMillis)
        .map(reply -> {
          state.receive(List.of(GossipMessages.fromProto(reply.getSelf())), null);
          return null;
        });
  }

  /** A delta carrying a ring state and, optionally, the receiver's own entry. */
  GossipDelta push(RingStateMessage ring, NodeEntry receiver) {
    GossipDelta.Builder delta = GossipDelta.newBuilder().setFrom(sender()).setRing(ring);
    if (receiver != null) {
      delta.addEntries(GossipMessages.toProto(receiver));
    }
    return delta.build();
  }

  /** Whether an exchange with this address has succeeded since this node started. */
  boolean hasAnswered(String address) {
    return answered.contains(address);
  }

  // ---------------------------------------------------------------------------------------------
  // The callee's side

  /**
   * Answers a peer's digest: what this node knows newer, and what it wants. Before the node
   * started it does not know its own addresses yet and says only that it is starting: alive, but
   * not yet a peer that was reached (an empty answer counted as one, and a new cluster could then
   * be founded without it).
   */
  GossipReply onExchange(GossipDigest digest) {
    if (!state.started()) {
      return STARTING;
    }
    String refusal = refusalOf(digest);
    if (refusal != null) {
      return GossipReply.newBuilder().setRefused(refusal).build();
    }
    state.learnAddress(digest.getFrom().getPeerAddress(), digest.getFrom().getId());
    GossipReply.Builder reply = GossipReply.newBuilder();
    GossipTable.Comparison comparison =
        state.compare(digest.getEntriesList().stream().map(GossipMessages::fromProto).toList());
    comparison.newerHere().forEach(entry -> reply.addEntries(GossipMessages.toProto(entry)));
    reply.addAllWanted(comparison.wanted());
    RingState known = state.ring();
    long theirVersion = digest.getRingVersion();
    long theirFingerprint = digest.getRingFingerprint();
    if (known != null && RingState.newer(known.version(), known.fingerprint(), theirVersion, theirFingerprint)) {
      reply.setRing(state.ringMessage());
    } else if (theirVersion != 0
        && (known == null || RingState.newer(theirVersion, theirFingerprint, known.version(), known.fingerprint()))) {
      reply.setWantsRing(true);
    }
    if (digest.getBucketsDigest() != buckets.digest()) {
      reply.addAllBuckets(buckets.entries()).setWantsBuckets(true);
    }
    return reply.build();
  }

  private String refusalOf(GossipDigest digest) {
    String refusal = identity.refusal(digest.getFrom());
    RingState known = state.ring();
    long lineage = digest.getRingLineage();
    if (refusal == null && known != null && lineage != 0 && lineage != known.lineage()) {
      refusal = "node " + digest.getFrom().getId() + " holds the ring of another cluster (lineage "
          + Long.toHexString(lineage) + ", this one is " + Long.toHexString(known.lineage()) + ")";
    }
    if (refusal != null && refusals.record(digest.getFrom().getPeerAddress(), refusal)) {
      log.error("refusing gossip from {}: {}", digest.getFrom().getPeerAddress(), refusal);
    }
    return refusal;
  }

  /** Takes the delta a peer sends after an exchange, or a ring state the claimant pushes. */
  Future<GossipDeliverReply> onDeliver(GossipDelta delta) {
    String refusal = identity.refusal(delta.getFrom());
    if (refusal != null) {
      return Future.failedFuture(new IllegalArgumentException(refusal));
    }
    if (!state.started()) {
      return Future.failedFuture(new IllegalStateException("node " + state.self().id() + " is starting"));
    }
    state.receive(entries(delta.getEntriesList()), ringOf(delta.hasRing() ? delta.getRing() : null));
    buckets.mergeAll(delta.getBucketsList());
    state.heardFromPeer();
    return Future.succeededFuture(
        GossipDeliverReply.newBuilder().setSelf(GossipMessages.toProto(state.selfEntry())).build());
  }

  /** Peers that refused this node or that this node refused lately, by address, with the reason. */
  Map<String, String> refusals() {
    return refusals.recent();
  }

  private GossipSender sender() {
    return GossipMessages.sender(state.self(), identity);
  }

  private static List<NodeEntry> entries(List<io.ringkv.transport.proto.GossipEntry> messages) {
    return messages.stream().map(GossipMessages::fromProto).toList();
  }

  private static RingState ringOf(RingStateMessage message) {
    return message == null ? null : GossipMessages.fromProto(message);
  }
}
