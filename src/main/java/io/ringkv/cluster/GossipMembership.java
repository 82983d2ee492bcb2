package io.ringkv.cluster;

import io.ringkv.cluster.GossipTable.Outcome;
import io.ringkv.ring.Ring;
import io.ringkv.transport.PeerTransport;
import io.ringkv.transport.proto.ClusterGrpcClient;
import io.ringkv.transport.proto.GossipDeliverReply;
import io.ringkv.transport.proto.GossipDelta;
import io.ringkv.transport.proto.GossipDigest;
import io.ringkv.transport.proto.GossipEntry;
import io.ringkv.transport.proto.GossipGrpcClient;
import io.ringkv.transport.proto.GossipReply;
import io.ringkv.transport.proto.HelloRequest;
import io.ringkv.transport.proto.RingStateMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership by gossip (DESIGN.md, "Gossip and failure detection"): the {@link ClusterView} the
 * coordinator uses, kept up to date by a round every second.
 *
 * <p>A round beats this node's heartbeat and exchanges state with the peers {@link PeerSelection}
 * picks: a digest of every entry's version, answered with what the peer knows newer and what it
 * lacks, then a delta with what it asked for. Heartbeat arrivals feed the phi-accrual
 * {@link FailureDetector}. Bucket properties and the {@link RingState} travel the same way; every
 * node adopts the newest ring state of its cluster's lineage. After each change the {@link
 * Claimant} reasoning runs, and if this node is the claimant and the ring is ready it takes the next
 * step and pushes the new ring state to every member at once.
 *
 * <p>State lives in a {@link GossipTable} guarded by this object's lock; the coordinator's hot
 * path reads only the volatile ring state.
 */
public final class GossipMembership implements ClusterView {

  private static final Logger log = LoggerFactory.getLogger(GossipMembership.class);
  /**
   * The phi at which a live peer's heartbeat counts as overdue (a one-in-ten chance that it is
   * merely late): such a peer is gossiped with directly, at most one per round.
   */
  private static final double SUSPICION = 1.0;
  /** Rounds between two refreshes of this node's load figures. */
  private static final int LOAD_REFRESH_ROUNDS = 5;

  private final Vertx vertx;
  private final PeerTransport transport;
  private final ClusterIdentity identity;
  private final ClusterBucketRegistry buckets;
  private final ClusterStateFile stateFile;
  private final GossipOptions options;
  private final FailureDetector detector;
  private final Supplier<Load> load;
  private final Random random = new Random();
  private final long generation;

  private final GossipTable table;
  private volatile RingState ring;
  private volatile RingStateMessage ringMessage;
  private volatile NodeInfo self;
  private volatile Claimant.Status status = new Claimant.Status(null, false, "not started", null);
  private final Set<String> seeds = ConcurrentHashMap.newKeySet();
  private final Set<String> contactedSeeds = ConcurrentHashMap.newKeySet();
  private final Refusals refusals = new Refusals();
  private final Map<String, String> idByAddress = new ConcurrentHashMap<>();
  private final List<Consumer<RingState>> ringListeners = new CopyOnWriteArrayList<>();
  private final Promise<Void> ready = Promise.promise();
  private final AtomicLong rounds = new AtomicLong();
  private final AtomicBoolean stepScheduled = new AtomicBoolean();
  private final Object lock = new Object();
  private volatile boolean started;
  /** Whether a gossip exchange with a peer succeeded since this start. */
  private volatile boolean heard;
  private volatile boolean stopped;
  private long timer = -1;

  /**
   * @param unbound this node before its ports are bound (addresses come with {@link #start})
   * @param saved what this node remembered of the cluster ({@link ClusterStateFile#load})
   * @param generation this start's generation: larger than at any earlier start
   * @param load this node's store figures, read now and then (may block briefly)
   */
  public GossipMembership(
      Vertx vertx,
      PeerTransport transport,
      NodeInfo unbound,
      ClusterIdentity identity,
      ClusterBucketRegistry buckets,
      ClusterStateFile stateFile,
      ClusterStateFile.Saved saved,
      long generation,
      GossipOptions options,
      Supplier<Load> load) {
    this.vertx = vertx;
    this.transport = transport;
    this.identity = identity;
    this.buckets = buckets;
    this.stateFile = stateFile;
    this.options = options;
    this.generation = generation;
    this.load = load;
    this.self = unbound;
    this.detector = new FailureDetector(options.phiThreshold(), options.intervalMillis(), () -> System.nanoTime() / 1_000_000);
    boolean rejoin = saved.membership() == null || saved.membership() == Membership.LEFT;
    // A node that never joined, or left, asks to join in a new incarnation; any other resumes.
    long incarnation = rejoin ? Math.max(generation, saved.incarnation() + 1) : saved.incarnation();
    Membership membership = rejoin ? Membership.JOINING : saved.membership();
    long ringVersion = saved.ring() == null ? 0 : saved.ring().version();
    NodeEntry entry =
        new NodeEntry(unbound, generation, 0, incarnation, membership, ringVersion, HandoffProgress.NONE, 0, 0);
    this.table = new GossipTable(entry, saved.ring());
    buckets.spreadWith(this::gossipWithEveryLivePeer);
  }

  /**
   * Starts gossiping; the future completes once this node knows a ring (at once if it remembered
   * one). Seeds that are down are retried every round, never fatal.
   *
   * @param advertised this node with the addresses its servers bound
   * @param seedAddresses peer addresses of seeds; may include this node's own
   */
  public Future<Void> start(NodeInfo advertised, List<String> seedAddresses) {
    RingState known;
    synchronized (lock) {
      self = advertised;
      NodeEntry current = table.self();
      table.updateSelf(
          new NodeEntry(
              advertised, generation, current.heartbeat() + 1, current.incarnation(), current.membership(),
              current.ringVersion(), current.handoff(), current.keys(), current.bytes()));
      known = table.ring();
      setRing(known);
      started = true;
    }
    seedAddresses.stream().filter(seed -> !seed.equals(advertised.peerAddress())).forEach(seeds::add);
    persist(known);
    if (known != null) {
      maybeReady();
      ringListeners.forEach(listener -> listener.accept(known));
    }
    log.info(
        "node {} gossiping (generation {}, {}) with seeds {}",
        advertised.id(), generation, table.self().membership().label(), seeds);
    timer = vertx.setPeriodic(0, options.intervalMillis(), id -> round());
    return ready.future();
  }

  public void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  // ---------------------------------------------------------------------------------------------
  // Rounds

  private void round() {
    if (stopped) {
      return;
    }
    long round = rounds.incrementAndGet();
    List<String> targets;
    synchronized (lock) {
      table.updateSelf(table.self().beat());
      targets = chooseTargets();
    }
    if (round % LOAD_REFRESH_ROUNDS == 1) {
      refreshLoad();
    }
    targets.forEach(this::exchange);
    step();
  }

  private List<String> chooseTargets() {
    List<String> live = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    String latest = null;
    double latestPhi = SUSPICION;
    for (NodeEntry entry : table.entries()) {
      if (entry.id().equals(self.id()) || entry.membership() == Membership.LEFT) {
        continue;
      }
      boolean up = detector.isUp(entry.id());
      (up ? live : unreachable).add(entry.node().peerAddress());
      double phi = detector.phi(entry.id());
      if (up && phi > latestPhi) {
        latest = entry.node().peerAddress();
        latestPhi = phi;
      }
    }
    List<String> targets = new ArrayList<>(PeerSelection.choose(live, unreachable, List.copyOf(new TreeSet<>(seeds)), random));
    if (latest != null && !targets.contains(latest)) {
      // The live peer whose heartbeat is most overdue is asked directly: a stopped node refuses the
      // call at once, and the failed call marks it down without waiting for phi to climb.
      targets.add(latest);
    }
    if (table.ring() == null) {
      // Without a ring this node is new: it reaches every seed it has not reached yet, every round.
      seeds.stream().filter(seed -> !contactedSeeds.contains(seed) && !targets.contains(seed)).forEach(targets::add);
    }
    return targets;
  }

  private void refreshLoad() {
    vertx
        .executeBlocking(load::get, false)
        .onSuccess(
            figures -> {
              synchronized (lock) {
                NodeEntry current = table.self();
                if (current.keys() != figures.keys() || current.bytes() != figures.bytes()) {
                  table.updateSelf(current.withLoad(figures.keys(), figures.bytes()).beat());
                }
              }
            });
  }

  private long deadlineMillis() {
    return Math.max(500, 2 * options.intervalMillis());
  }

  /** One gossip exchange with a peer: digest, reply, then the delta it asked for. */
  Future<Void> exchange(String address) {
    return transport
        .call(address, GossipGrpcClient.Exchange, digest(), deadlineMillis())
        .compose(reply -> onReply(address, reply))
        .onFailure(failure -> {
          String id = idByAddress.get(address);
          if (id != null && !refusals.has(address)) {
            detector.reportCall(id, false);
          }
        });
  }

  private GossipDigest digest() {
    GossipDigest.Builder digest = GossipDigest.newBuilder().setFrom(GossipMessages.sender(self, identity));
    synchronized (lock) {
      table.digest().forEach(version -> digest.addEntries(GossipMessages.toProto(version)));
      RingState known = table.ring();
      if (known != null) {
        digest.setRingVersion(known.version()).setRingFingerprint(known.fingerprint()).setRingLineage(known.lineage());
      }
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
    refusals.remove(address);
    if (seeds.contains(address)) {
      contactedSeeds.add(address);
    }
    receive(reply.getEntriesList(), reply.hasRing() ? reply.getRing() : null);
    heardFromPeer();
    buckets.mergeAll(reply.getBucketsList());
    String id = idByAddress.get(address);
    if (id != null) {
      detector.reportCall(id, true);
    }
    if (reply.getWantedCount() == 0 && !reply.getWantsRing() && !reply.getWantsBuckets()) {
      return Future.succeededFuture();
    }
    GossipDelta.Builder delta = GossipDelta.newBuilder().setFrom(GossipMessages.sender(self, identity));
    synchronized (lock) {
      for (String wanted : reply.getWantedList()) {
        table.entry(wanted).ifPresent(entry -> delta.addEntries(GossipMessages.toProto(entry)));
      }
    }
    if (reply.getWantsRing() && ringMessage != null) {
      delta.setRing(ringMessage);
    }
    if (reply.getWantsBuckets()) {
      delta.addAllBuckets(buckets.entries());
    }
    return deliver(address, delta.build());
  }

  private Future<Void> deliver(String address, GossipDelta delta) {
    return transport
        .call(address, GossipGrpcClient.Deliver, delta, deadlineMillis())
        .map(
            reply -> {
              receive(List.of(reply.getSelf()), null);
              return null;
            });
  }

  /** Gossips with every live peer at once (a bucket-property change that must be seen everywhere). */
  private Future<Void> gossipWithEveryLivePeer() {
    List<String> live;
    synchronized (lock) {
      live =
          table.entries().stream()
              .filter(entry -> !entry.id().equals(self.id()) && entry.membership() != Membership.LEFT)
              .filter(entry -> detector.isUp(entry.id()))
              .map(entry -> entry.node().peerAddress())
              .toList();
    }
    return Future.join(live.stream().map(this::exchange).toList()).mapEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // The peer side of an exchange

  /**
   * Answers a peer's digest: what this node knows newer, and what it wants. Before {@link #start}
   * this node does not know its own addresses yet and says nothing (an empty reply).
   */
  public GossipReply onExchange(GossipDigest digest) {
    if (!started) {
      return GossipReply.getDefaultInstance();
    }
    String refusal = refusalOf(digest);
    if (refusal != null) {
      return GossipReply.newBuilder().setRefused(refusal).build();
    }
    idByAddress.put(digest.getFrom().getPeerAddress(), digest.getFrom().getId());
    GossipReply.Builder reply = GossipReply.newBuilder();
    synchronized (lock) {
      GossipTable.Comparison comparison =
          table.compare(digest.getEntriesList().stream().map(GossipMessages::fromProto).toList());
      comparison.newerHere().forEach(entry -> reply.addEntries(GossipMessages.toProto(entry)));
      reply.addAllWanted(comparison.wanted());
      RingState known = table.ring();
      long theirVersion = digest.getRingVersion();
      if (known != null && RingState.newer(known.version(), known.fingerprint(), theirVersion, digest.getRingFingerprint())) {
        reply.setRing(ringMessage);
      } else if (theirVersion != 0
          && (known == null || RingState.newer(theirVersion, digest.getRingFingerprint(), known.version(), known.fingerprint()))) {
        reply.setWantsRing(true);
      }
    }
    if (digest.getBucketsDigest() != buckets.digest()) {
      reply.addAllBuckets(buckets.entries()).setWantsBuckets(true);
    }
    return reply.build();
  }

  private String refusalOf(GossipDigest digest) {
    String refusal = identity.refusal(digest.getFrom());
    RingState known = ring;
    if (refusal == null && known != null && digest.getRingLineage() != 0 && digest.getRingLineage() != known.lineage()) {
      refusal = "node " + digest.getFrom().getId() + " holds the ring of another cluster (lineage "
          + Long.toHexString(digest.getRingLineage()) + ", this one is " + Long.toHexString(known.lineage()) + ")";
    }
    if (refusal != null && refusals.record(digest.getFrom().getPeerAddress(), refusal)) {
      log.error("refusing gossip from {}: {}", digest.getFrom().getPeerAddress(), refusal);
    }
    return refusal;
  }

  /** Takes the delta a peer sends after an exchange (or a ring the claimant pushes). */
  public Future<GossipDeliverReply> onDeliver(GossipDelta delta) {
    String refusal = identity.refusal(delta.getFrom());
    if (refusal != null) {
      return Future.failedFuture(new IllegalArgumentException(refusal));
    }
    if (!started) {
      return Future.failedFuture(new IllegalStateException("node " + self.id() + " is starting"));
    }
    receive(delta.getEntriesList(), delta.hasRing() ? delta.getRing() : null);
    buckets.mergeAll(delta.getBucketsList());
    heardFromPeer();
    GossipEntry own;
    synchronized (lock) {
      own = GossipMessages.toProto(table.self());
    }
    return Future.succeededFuture(GossipDeliverReply.newBuilder().setSelf(own).build());
  }

  // ---------------------------------------------------------------------------------------------
  // Merging what peers say

  private void receive(List<GossipEntry> entries, RingStateMessage ringMessage) {
    RingState incoming = ringMessage == null ? null : GossipMessages.fromProto(ringMessage);
    RingState adopted = null;
    boolean changed = false;
    Membership before;
    Membership after;
    synchronized (lock) {
      before = table.self().membership();
      for (GossipEntry message : entries) {
        changed |= merge(GossipMessages.fromProto(message));
      }
      if (incoming != null && sameLineage(incoming) && table.adopt(incoming)) {
        adopted = incoming;
        adoptLocked(incoming);
      }
      after = table.self().membership();
    }
    if (adopted != null) {
      afterAdoption(adopted);
    } else if (before != after) {
      persist(null);
    }
    if (before != after) {
      log.info("node {} is now {}", self.id(), after.label());
    }
    if (changed || adopted != null) {
      scheduleStep();
    }
  }

  /** Merges one entry; true if it changed anything. Called with the lock held. */
  private boolean merge(NodeEntry entry) {
    Outcome outcome = table.merge(entry);
    if (!entry.id().equals(self.id())) {
      idByAddress.put(entry.node().peerAddress(), entry.id());
      switch (outcome) {
        case NEW_NODE, HEARTBEAT -> detector.heartbeat(entry.id());
        case RESTARTED -> detector.restarted(entry.id());
        default -> {}
      }
    }
    return outcome != Outcome.UNCHANGED;
  }

  private boolean sameLineage(RingState incoming) {
    RingState known = table.ring();
    return known == null || known.lineage() == incoming.lineage();
  }

  /** Takes a ring state as this node's own. Called with the lock held. */
  private void adoptLocked(RingState state) {
    setRing(state);
    table.updateSelf(table.self().withRingVersion(state.version()).beat());
  }

  private void setRing(RingState state) {
    ring = state;
    ringMessage = state == null ? null : GossipMessages.toProto(state);
  }

  private void afterAdoption(RingState state) {
    log.info("node {} holds ring state {} ({}, members {})", self.id(), state.version(), state.phase().label(), state.members());
    persist(state);
    maybeReady();
    ringListeners.forEach(listener -> listener.accept(state));
  }

  private void heardFromPeer() {
    if (!heard) {
      heard = true;
      maybeReady();
    }
  }

  private void maybeReady() {
    if (isReady()) {
      ready.tryComplete();
    }
  }

  private void persist(RingState state) {
    NodeEntry own;
    synchronized (lock) {
      own = table.self();
    }
    vertx
        .executeBlocking(() -> {
          stateFile.save(state, own.incarnation(), own.membership());
          return null;
        })
        .onFailure(failure -> log.error("cannot save the cluster state of node {}", self.id(), failure));
  }

  // ---------------------------------------------------------------------------------------------
  // The claimant

  private void scheduleStep() {
    if (stepScheduled.compareAndSet(false, true)) {
      vertx.runOnContext(ignored -> {
        stepScheduled.set(false);
        step();
      });
    }
  }

  /** Runs the claimant reasoning; takes the next step if this node is the claimant and may. */
  private void step() {
    if (stopped) {
      return;
    }
    Claimant.Change change;
    RingState next = null;
    Map<String, NodeEntry> decided = new java.util.TreeMap<>();
    synchronized (lock) {
      Claimant.Status decision = Claimant.decide(view());
      reportWaiting(decision);
      status = decision;
      change = decision.change();
      if (change != null && table.adopt(change.next())) {
        next = change.next();
        adoptLocked(next);
        change.memberships().forEach((id, membership) -> table.entry(id).ifPresent(entry -> {
          table.setMembership(id, entry.incarnation(), membership);
          decided.put(id, table.entry(id).orElseThrow());
        }));
      }
    }
    if (next != null) {
      log.info("claimant {}: {}; ring state {} ({})", self.id(), change.description(), next.version(), next.phase().label());
      afterAdoption(next);
      push(next, decided);
    }
  }

  private Claimant.View view() {
    List<String> notContacted = new TreeSet<>(seeds).stream().filter(seed -> !contactedSeeds.contains(seed)).toList();
    return new Claimant.View(
        self.id(), table.ring(), table.entries(), this::isUp, notContacted, identity.partitionCount(), buckets.maxN());
  }

  private void reportWaiting(Claimant.Status decision) {
    String waiting = decision.waiting();
    if (waiting != null && !waiting.equals(status.waiting())) {
      // Transient waits (a ring state on its way to every member, transfers running) are routine.
      if (waiting.startsWith("handoff:") || waiting.contains("not yet everywhere")) {
        log.debug("node {}: {}", self.id(), waiting);
      } else {
        log.info("node {}: {} (claimant {})", self.id(), waiting, decision.claimant());
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
    targets.remove(self.id());
    RingStateMessage message = GossipMessages.toProto(next);
    for (String id : targets) {
      Optional<NodeInfo> node = node(id);
      if (node.isEmpty()) {
        continue;
      }
      GossipDelta.Builder delta =
          GossipDelta.newBuilder().setFrom(GossipMessages.sender(self, identity)).setRing(message);
      if (decided.containsKey(id)) {
        delta.addEntries(GossipMessages.toProto(decided.get(id)));
      }
      deliver(node.get().peerAddress(), delta.build())
          .onFailure(failure -> log.debug("ring push to {} failed: {}", id, failure.getMessage()));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Membership changes asked by operators and by handoff

  /**
   * Asks to leave: the claimant hands this node's partitions to the others, then lets it go.
   *
   * @param minimumMembers the members that must stay (the largest n of any bucket)
   * @return fails with {@link IllegalStateException} when this node is not a member, or
   *     {@link IllegalArgumentException} when fewer than {@code minimumMembers} would stay; both
   *     messages are for the operator
   */
  public Future<Void> requestLeave(int minimumMembers) {
    synchronized (lock) {
      RingState state = table.ring();
      NodeEntry own = table.self();
      if (own.membership() == Membership.LEAVING) {
        return Future.succeededFuture(); // asked twice: one leave
      }
      if (state == null || !state.to().isMember(own.id()) || own.membership() != Membership.MEMBER) {
        return Future.failedFuture(new IllegalStateException(
            "node " + own.id() + " is " + own.membership().label() + ", not a member of the ring: nothing to leave"));
      }
      List<String> staying =
          state.to().members().keySet().stream()
              .filter(id -> !id.equals(own.id()))
              .filter(id -> table.entry(id).map(entry -> entry.membership() != Membership.LEAVING).orElse(true))
              .toList();
      if (staying.size() < minimumMembers) {
        return Future.failedFuture(new IllegalArgumentException(
            "node " + own.id() + " cannot leave: " + staying.size() + " member(s) would stay " + staying
                + ", fewer than n=" + minimumMembers + " replicas"));
      }
      table.updateSelf(own.withMembership(own.incarnation(), Membership.LEAVING).beat());
    }
    log.info("node {} asks to leave", self.id());
    persist(null);
    tellClaimant();
    return Future.succeededFuture();
  }

  /**
   * Gossips with the claimant at once, so that it acts on this node's news without waiting for
   * the rounds; the rest of the cluster hears by the rounds.
   */
  private void tellClaimant() {
    String claimant = status.claimant();
    Optional<NodeInfo> node = claimant == null || claimant.equals(self.id()) ? Optional.empty() : node(claimant);
    if (node.isPresent()) {
      exchange(node.get().peerAddress());
    } else {
      scheduleStep();
    }
  }

  /**
   * Joins the cluster a seed belongs to. Harmless when this node already belongs to it. A node
   * alone in a ring of its own (started without seeds) gives that ring up, if it stores nothing.
   *
   * @return fails with {@link IllegalArgumentException}, message for the operator, when the seed
   *     refuses this node or this node refuses the seed (another cluster, another partition count),
   *     or when joining would discard this node's data
   */
  public Future<Void> join(String seed) {
    HelloRequest hello =
        HelloRequest.newBuilder().setFrom(ClusterMessages.toProto(self, identity)).build();
    return transport
        .call(seed, ClusterGrpcClient.Hello, hello, deadlineMillis())
        .recover(failure -> Future.failedFuture(new IllegalArgumentException(
            "seed " + seed + " refused or did not answer: " + failure.getMessage())))
        .compose(reply -> {
          String refusal = identity.refusal(reply.getNode());
          if (refusal != null) {
            return Future.failedFuture(new IllegalArgumentException("seed " + seed + " refused: " + refusal));
          }
          return vertx.executeBlocking(load::get).compose(figures -> joinThrough(seed, reply.getNode().getId(), figures));
        });
  }

  private Future<Void> joinThrough(String seed, String seedId, Load figures) {
    boolean forgetRing;
    synchronized (lock) {
      RingState state = table.ring();
      NodeEntry own = table.self();
      boolean seedKnown = table.entry(seedId).isPresent() && !seedId.equals(own.id());
      if (seedKnown && own.membership() != Membership.LEFT) {
        seeds.add(seed);
        return Future.succeededFuture(); // already in that cluster (or joining it): nothing to do
      }
      boolean alone = state != null && state.members().equals(Set.of(own.id()));
      if (state != null && !alone) {
        return Future.failedFuture(new IllegalArgumentException(
            "node " + own.id() + " is a member of another cluster " + state.members() + "; it must leave it first"));
      }
      if (alone && figures.keys() > 0) {
        return Future.failedFuture(new IllegalArgumentException(
            "node " + own.id() + " stores " + figures.keys() + " keys of its own one-node cluster;"
                + " joining another cluster would discard them"));
      }
      forgetRing = alone;
      if (alone) {
        table.forgetRing();
        setRing(null);
      }
      long incarnation = Math.max(own.incarnation() + 1, generation);
      table.updateSelf(own.withRingVersion(0).withMembership(incarnation, Membership.JOINING).beat());
      seeds.add(seed);
    }
    log.info("node {} joins the cluster of {} through {}", self.id(), seedId, seed);
    Future<Void> saved = forgetRing ? vertx.executeBlocking(() -> {
      stateFile.forgetRing();
      return null;
    }) : Future.succeededFuture();
    return saved.andThen(ignored -> persist(null)).compose(ignored -> exchange(seed).otherwiseEmpty());
  }

  /** Records what this node has received of the current ownership change, and tells the claimant. */
  public void reportHandoff(HandoffProgress progress) {
    boolean moreDone;
    synchronized (lock) {
      NodeEntry own = table.self();
      if (own.handoff().equals(progress)) {
        return;
      }
      moreDone = progress.doneCount(progress.version()) > own.handoff().doneCount(progress.version());
      table.updateSelf(own.withHandoff(progress).beat());
    }
    if (moreDone) {
      tellClaimant();
    }
  }

  /** Called with each ring state this node adopts (on a Vert.x thread; must not block). */
  public void onRingState(Consumer<RingState> listener) {
    ringListeners.add(listener);
  }

  // ---------------------------------------------------------------------------------------------
  // What operators and handoff read

  /** The ring state this node holds, or null before it knows one. */
  public RingState ringState() {
    return ring;
  }

  /** Every gossip entry, this node's own included, left nodes too. */
  public List<NodeEntry> entries() {
    synchronized (lock) {
      return List.copyOf(table.entries());
    }
  }

  public Optional<NodeEntry> entry(String id) {
    synchronized (lock) {
      return table.entry(id);
    }
  }

  /** This node's own membership. */
  public Membership membership() {
    synchronized (lock) {
      return table.self().membership();
    }
  }

  /** Whether every member of the current ring state holds at least this version. */
  public boolean everyMemberHolds(long version) {
    RingState state = ring;
    if (state == null) {
      return false;
    }
    synchronized (lock) {
      return state.members().stream()
          .allMatch(id -> table.entry(id).map(entry -> entry.ringVersion() >= version).orElse(false));
    }
  }

  /** The replica roles of the current change that their receivers have not reported done. */
  public List<PartitionMove> pendingMoves() {
    RingState state = ring;
    if (state == null) {
      return List.of();
    }
    synchronized (lock) {
      return state.moves().stream()
          .filter(move -> !table.entry(move.target())
              .map(entry -> entry.handoff().isDone(state.version(), move.partition()))
              .orElse(false))
          .toList();
    }
  }

  /** The claimant as this node sees it, whether the ring is ready, and why a change waits. */
  public Claimant.Status claimantStatus() {
    return status;
  }

  /** Peers that refused this node or that this node refused lately, by address, with the reason. */
  public Map<String, String> refusals() {
    return refusals.recent();
  }

  /** Gossip rounds this node has started. */
  public long rounds() {
    return rounds.get();
  }

  /** The phi of a peer now (infinite for one never heard of). */
  public double phi(String id) {
    return detector.phi(id);
  }

  // ---------------------------------------------------------------------------------------------
  // ClusterView

  @Override
  public NodeInfo self() {
    return self;
  }

  /**
   * Whether this node can coordinate requests: it knows a ring, and where the other members are,
   * which a node that restarts with the ring it remembered learns at its first gossip exchange.
   */
  @Override
  public boolean isReady() {
    RingState state = ring;
    return state != null && (heard || state.members().equals(Set.of(self.id())));
  }

  @Override
  public Ring ring() {
    return known().readRing();
  }

  @Override
  public List<Ring> writeRings() {
    return known().writeRings();
  }

  private RingState known() {
    RingState state = ring;
    if (state == null) {
      throw new IllegalStateException("the ring is not known yet");
    }
    return state;
  }

  @Override
  public Collection<NodeInfo> nodes() {
    synchronized (lock) {
      return table.entries().stream().map(NodeEntry::node).toList();
    }
  }

  @Override
  public Optional<NodeInfo> node(String id) {
    if (Objects.equals(id, self.id())) {
      return Optional.of(self);
    }
    synchronized (lock) {
      return table.entry(id).map(NodeEntry::node);
    }
  }

  @Override
  public boolean isUp(String id) {
    return id.equals(self.id()) || detector.isUp(id);
  }

  @Override
  public void reportCall(String id, boolean succeeded) {
    if (!id.equals(self.id())) {
      detector.reportCall(id, succeeded);
    }
  }
}
