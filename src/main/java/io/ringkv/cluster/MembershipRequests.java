package io.ringkv.cluster;

import io.ringkv.transport.PeerCallException;
import io.ringkv.transport.PeerTransport;
import io.ringkv.transport.proto.ClusterGrpcClient;
import io.ringkv.transport.proto.HelloRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node asks of the cluster for itself: to join (an operator's {@code admin join}), to
 * leave ({@code admin leave}), and to have its handoff progress counted. Each changes only this
 * node's own entry; the claimant acts on it, and is told at once rather than by the rounds.
 */
final class MembershipRequests {

  private static final Logger log = LoggerFactory.getLogger(MembershipRequests.class);

  private final Vertx vertx;
  private final GossipState state;
  private final GossipExchanges exchanges;
  private final PeerTransport transport;
  private final ClusterIdentity identity;
  private final ClusterStateFile stateFile;
  private final Supplier<Load> load;
  private final Consumer<String> addSeed;
  private final Runnable tellClaimant;
  private final long deadlineMillis;

  MembershipRequests(
      Vertx vertx,
      GossipState state,
      GossipExchanges exchanges,
      PeerTransport transport,
      ClusterIdentity identity,
      ClusterStateFile stateFile,
      Supplier<Load> load,
      Consumer<String> addSeed,
      Runnable tellClaimant,
      long deadlineMillis) {
    this.vertx = vertx;
    this.state = state;
    this.exchanges = exchanges;
    this.transport = transport;
    this.identity = identity;
    this.stateFile = stateFile;
    this.load = load;
    this.addSeed = addSeed;
    this.tellClaimant = tellClaimant;
    this.deadlineMillis = deadlineMillis;
  }

  /**
   * Asks to leave: the claimant hands this node's partitions to the others, then lets it go.
   * Asking twice is one leave.
   *
   * @param minimumMembers the members that must stay (the largest n of any bucket)
   * @return fails with {@link IllegalStateException} when this node is not a member, or
   *     {@link IllegalArgumentException} when fewer than {@code minimumMembers} would stay; both
   *     messages are for the operator
   */
  Future<Void> leave(int minimumMembers) {
    NodeEntry own = state.selfEntry();
    RingState ring = state.ring();
    if (own.membership() == Membership.LEAVING) {
      return Future.succeededFuture();
    }
    if (ring == null || !ring.to().isMember(own.id()) || own.membership() != Membership.MEMBER) {
      return Future.failedFuture(new IllegalStateException(
          "node " + own.id() + " is " + own.membership().label() + ", not a member of the ring: nothing to leave"));
    }
    List<String> staying =
        ring.to().members().keySet().stream()
            .filter(id -> !id.equals(own.id()))
            .filter(id -> state.entry(id).map(entry -> entry.membership() != Membership.LEAVING).orElse(true))
            .toList();
    if (staying.size() < minimumMembers) {
      return Future.failedFuture(new IllegalArgumentException(
          "node " + own.id() + " cannot leave: " + staying.size() + " member(s) would stay " + staying
              + ", fewer than n=" + minimumMembers + " replicas"));
    }
    log.info("node {} asks to leave", own.id());
    state.updateSelf(entry -> entry.withMembership(entry.incarnation(), Membership.LEAVING));
    tellClaimant.run();
    return Future.succeededFuture();
  }

  /**
   * Joins the cluster a seed belongs to. Harmless when this node already belongs to it. A node
   * alone in a ring of its own (started without seeds) gives that ring up, if it stores nothing.
   *
   * @return fails with {@link SeedUnreachableException} when the seed does not answer, or with
   *     {@link IllegalArgumentException}, message for the operator, when the seed refuses this
   *     node or this node refuses the seed (another cluster, another partition count), or when
   *     joining would discard this node's data
   */
  Future<Void> join(String seed) {
    HelloRequest hello = HelloRequest.newBuilder().setFrom(ClusterMessages.toProto(state.self(), identity)).build();
    return transport
        .call(seed, ClusterGrpcClient.Hello, hello, deadlineMillis)
        .recover(failure -> Future.failedFuture(helloFailed(seed, failure)))
        .compose(reply -> {
          String refusal = identity.refusal(reply.getNode());
          if (refusal != null) {
            return Future.failedFuture(new IllegalArgumentException("seed " + seed + " refused: " + refusal));
          }
          return vertx.executeBlocking(load::get)
              .compose(figures -> joinThrough(seed, reply.getNode().getId(), figures));
        });
  }

  private static RuntimeException helloFailed(String seed, Throwable failure) {
    if (failure instanceof PeerCallException call && call.unanswered().isPresent()) {
      return new SeedUnreachableException(seed, call.unanswered().get(), failure);
    }
    return new IllegalArgumentException("seed " + seed + " refused: " + failure.getMessage());
  }

  private Future<Void> joinThrough(String seed, String seedId, Load figures) {
    NodeEntry own = state.selfEntry();
    RingState ring = state.ring();
    boolean seedKnown = !seedId.equals(own.id()) && state.entry(seedId).isPresent();
    if (seedKnown && own.membership() != Membership.LEFT) {
      addSeed.accept(seed);
      return Future.succeededFuture(); // already in that cluster (or joining it): nothing to do
    }
    boolean alone = ring != null && ring.members().equals(Set.of(own.id()));
    if (ring != null && !alone) {
      return Future.failedFuture(new IllegalArgumentException(
          "node " + own.id() + " is a member of another cluster " + ring.members() + "; it must leave it first"));
    }
    if (alone && figures.keys() > 0) {
      return Future.failedFuture(new IllegalArgumentException(
          "node " + own.id() + " stores " + figures.keys() + " keys of its own one-node cluster;"
              + " joining another cluster would discard them"));
    }
    log.info("node {} joins the cluster of {} through {}", own.id(), seedId, seed);
    Future<Void> forgotten = Future.succeededFuture();
    if (alone) {
      state.forgetRing();
      forgotten = vertx.executeBlocking(() -> {
        stateFile.forgetRing();
        return null;
      });
    }
    long incarnation = Math.max(own.incarnation() + 1, state.generation());
    state.updateSelf(entry -> entry.withRingVersion(0).withMembership(incarnation, Membership.JOINING));
    addSeed.accept(seed);
    return forgotten.compose(ignored -> exchanges.exchange(seed).otherwiseEmpty());
  }

  /**
   * Records what this node has received of the current ownership change; tells the claimant when
   * more partitions are complete.
   */
  void reportHandoff(HandoffProgress progress) {
    HandoffProgress reported = state.selfEntry().handoff();
    if (reported.equals(progress)) {
      return;
    }
    state.updateSelf(entry -> entry.withHandoff(progress));
    if (progress.doneCount(progress.version()) > reported.doneCount(progress.version())) {
      tellClaimant.run();
    }
  }
}
