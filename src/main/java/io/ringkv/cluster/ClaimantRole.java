package io.ringkv.cluster;

import io.ringkv.transport.proto.RingStateMessage;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part in the claimant's work: after every round and every change gossip brings, it
 * runs the {@link Claimant} reasoning on this node's view, remembers who the claimant is and why a
 * change waits (logged when the reason changes), and if this node is the claimant and may act,
 * takes the step and pushes the new ring state to every member.
 */
final class ClaimantRole {

  private static final Logger log = LoggerFactory.getLogger(ClaimantRole.class);

  private final Vertx vertx;
  private final GossipState state;
  private final GossipExchanges exchanges;
  private final ClusterIdentity identity;
  private final ClusterBucketRegistry buckets;
  private final Supplier<List<String>> seedsNotContacted;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile Claimant.Status status = new Claimant.Status(null, false, "not started", null);
  private volatile boolean stopped;

  ClaimantRole(
      Vertx vertx, GossipState state, GossipExchanges exchanges, ClusterIdentity identity,
      ClusterBucketRegistry buckets, Supplier<List<String>> seedsNotContacted) {
    this.vertx = vertx;
    this.state = state;
    this.exchanges = exchanges;
    this.identity = identity;
    this.buckets = buckets;
    this.seedsNotContacted = seedsNotContacted;
  }

  /** The claimant as this node sees it, whether the ring is ready, and why a change waits. */
  Claimant.Status status() {
    return status;
  }

  void stop() {
    stopped = true;
  }

  /** Runs {@link #step} soon, once however many changes ask for it meanwhile. */
  void scheduleStep() {
    if (scheduled.compareAndSet(false, true)) {
      vertx.runOnContext(ignored -> {
        scheduled.set(false);
        step();
      });
    }
  }

  /** Runs the claimant reasoning; takes the next step if this node is the claimant and may. */
  synchronized void step() {
    if (stopped) {
      return;
    }
    Claimant.Status decision =
        Claimant.decide(state.claimantView(seedsNotContacted.get(), identity.partitionCount(), buckets.maxN()));
    reportWaiting(decision);
    status = decision;
    Claimant.Change change = decision.change();
    if (change == null) {
      return;
    }
    Map<String, NodeEntry> decided = state.apply(change);
    if (decided != null) {
      RingState next = change.next();
      log.info("claimant {}: {}; ring state {} ({})",
          state.self().id(), change.description(), next.version(), next.phase().label());
      push(next, decided);
    }
  }

  private void reportWaiting(Claimant.Status decision) {
    String waiting = decision.waiting();
    if (waiting != null && !waiting.equals(status.waiting())) {
      // Transient waits (a ring state on its way to every member, transfers running) are routine.
      if (waiting.startsWith("handoff:") || waiting.contains("not yet everywhere")) {
        log.debug("node {}: {}", state.self().id(), waiting);
      } else {
        log.info("node {}: {} (claimant {})", state.self().id(), waiting, decision.claimant());
      }
    }
  }

  /**
   * Pushes a new ring state to every member at once (Riak's claimant does the same): the next step
   * needs every member to hold it, and random rounds would take several seconds to get it there.
   * Each member answers with its own entry, so the claimant sees at once which version it holds.
   * Only the ring travels, plus a member's own entry when the claimant decided its membership;
   * everything else keeps spreading by the rounds.
   */
  private void push(RingState next, Map<String, NodeEntry> decided) {
    Set<String> targets = new TreeSet<>(next.members());
    targets.addAll(decided.keySet());
    targets.remove(state.self().id());
    RingStateMessage message = GossipMessages.toProto(next);
    for (String id : targets) {
      state.entry(id).ifPresent(entry ->
          exchanges
              .deliver(entry.node().peerAddress(), exchanges.push(message, decided.get(id)))
              .onFailure(failure -> log.debug("ring push to {} failed: {}", id, failure.getMessage())));
    }
  }
}
