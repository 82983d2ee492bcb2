package io.ringkv.cluster;

import io.ringkv.ring.Ring;
import io.ringkv.transport.PeerTransport;
import io.ringkv.transport.proto.GossipDeliverReply;
import io.ringkv.transport.proto.GossipDelta;
import io.ringkv.transport.proto.GossipDigest;
import io.ringkv.transport.proto.GossipReply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership by gossip (DESIGN.md, "Gossip and failure detection"): the {@link ClusterView} the
 * coordinator uses, kept up to date by a round every second.
 *
 * <p>A round beats this node's heartbeat and gossips ({@link GossipExchanges}) with the peers
 * {@link PeerSelection} picks, plus the live peer whose heartbeat is most overdue, and, while this
 * node knows no ring, every seed it has not reached. Then the claimant reasoning runs
 * ({@link ClaimantRole}), as it does after every change gossip brings. What this node knows is
 * kept by {@link GossipState}; what it asks for itself (join, leave, handoff progress) by
 * {@link MembershipRequests}.
 */
public final class GossipMembership implements ClusterView {

  private static final Logger log = LoggerFactory.getLogger(GossipMembership.class);
  /**
   * The phi at which a live peer's heartbeat counts as overdue (a one-in-ten chance that it is
   * merely late): such a peer is gossiped with directly, at most one per round, so that a stopped
   * node refuses the call and is down at once instead of when phi reaches the threshold.
   */
  private static final double OVERDUE = 1.0;
  /** Rounds between two refreshes of this node's load figures. */
  private static final int LOAD_REFRESH_ROUNDS = 5;

  private final Vertx vertx;
  private final GossipOptions options;
  private final Supplier<Load> load;
  private final GossipState state;
  private final GossipExchanges exchanges;
  private final ClaimantRole claimant;
  private final MembershipRequests requests;
  private final Set<String> seeds = ConcurrentHashMap.newKeySet();
  private final Random random = new Random();
  private final AtomicLong rounds = new AtomicLong();
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
    this.options = options;
    this.load = load;
    long deadlineMillis = Math.max(500, 2 * options.intervalMillis());
    FailureDetector detector =
        new FailureDetector(options.phiThreshold(), options.intervalMillis(), () -> System.nanoTime() / 1_000_000);
    this.state = new GossipState(vertx, stateFile, saved, generation, unbound, detector);
    this.exchanges = new GossipExchanges(state, transport, identity, buckets, deadlineMillis);
    this.claimant = new ClaimantRole(vertx, state, exchanges, identity, buckets, this::seedsNotContacted);
    this.requests =
        new MembershipRequests(
            vertx, state, exchanges, transport, identity, stateFile, load, seeds::add, this::tellClaimant,
            deadlineMillis);
    state.onChange(claimant::scheduleStep);
    buckets.spreadWith(this::gossipWithEveryLivePeer);
  }

  /**
   * Starts gossiping; the future completes once this node is ready ({@link #isReady()}). Seeds
   * that are down are retried every round, never fatal.
   *
   * @param advertised this node with the addresses its servers bound
   * @param seedAddresses peer addresses of seeds; may include this node's own
   */
  public Future<Void> start(NodeInfo advertised, List<String> seedAddresses) {
    seedAddresses.stream().filter(seed -> !seed.equals(advertised.peerAddress())).forEach(seeds::add);
    state.start(advertised);
    log.info("node {} gossiping (generation {}, {}) with seeds {}",
        advertised.id(), state.generation(), state.membership().label(), new TreeSet<>(seeds));
    timer = vertx.setPeriodic(0, options.intervalMillis(), id -> round());
    return state.ready();
  }

  public void stop() {
    stopped = true;
    claimant.stop();
    vertx.cancelTimer(timer);
  }

  private void round() {
    if (stopped) {
      return;
    }
    if (rounds.incrementAndGet() % LOAD_REFRESH_ROUNDS == 1) {
      refreshLoad();
    }
    state.updateSelf(entry -> entry);
    chooseTargets().forEach(exchanges::exchange);
    claimant.step();
  }

  private List<String> chooseTargets() {
    List<String> live = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    FailureDetector detector = state.detector();
    String overdue = null;
    double overduePhi = OVERDUE;
    for (NodeEntry entry : state.entries()) {
      if (entry.id().equals(self().id()) || entry.membership() == Membership.LEFT) {
        continue;
      }
      boolean up = detector.isUp(entry.id());
      (up ? live : unreachable).add(entry.node().peerAddress());
      double phi = detector.phi(entry.id());
      if (up && phi > overduePhi) {
        overdue = entry.node().peerAddress();
        overduePhi = phi;
      }
    }
    List<String> targets =
        new ArrayList<>(PeerSelection.choose(live, unreachable, List.copyOf(new TreeSet<>(seeds)), random));
    if (overdue != null && !targets.contains(overdue)) {
      targets.add(overdue);
    }
    if (state.ring() == null) {
      // Without a ring this node is new: it reaches every seed it has not reached yet, every round.
      seedsNotContacted().stream().filter(seed -> !targets.contains(seed)).forEach(targets::add);
    }
    return targets;
  }

  private List<String> seedsNotContacted() {
    return new TreeSet<>(seeds).stream().filter(seed -> !exchanges.hasAnswered(seed)).toList();
  }

  private void refreshLoad() {
    vertx
        .executeBlocking(load::get, false)
        .onSuccess(figures -> {
          NodeEntry own = state.selfEntry();
          if (own.keys() != figures.keys() || own.bytes() != figures.bytes()) {
            state.updateSelf(entry -> entry.withLoad(figures.keys(), figures.bytes()));
          }
        });
  }

  /** Gossips with every live peer at once (a bucket-property change that must be seen everywhere). */
  private Future<Void> gossipWithEveryLivePeer() {
    List<String> live =
        state.entries().stream()
            .filter(entry -> !entry.id().equals(self().id()) && entry.membership() != Membership.LEFT)
            .filter(entry -> state.detector().isUp(entry.id()))
            .map(entry -> entry.node().peerAddress())
            .toList();
    return Future.join(live.stream().map(exchanges::exchange).toList()).mapEmpty();
  }

  /**
   * Gossips with the claimant at once, so that it acts on this node's news without waiting for
   * the rounds; the rest of the cluster hears by the rounds.
   */
  private void tellClaimant() {
    String id = claimant.status().claimant();
    Optional<NodeInfo> node = id == null || id.equals(self().id()) ? Optional.empty() : node(id);
    if (node.isPresent()) {
      exchanges.exchange(node.get().peerAddress());
    } else {
      claimant.scheduleStep();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The peer side, for the endpoint

  /** Answers a peer's gossip digest. */
  public GossipReply onExchange(GossipDigest digest) {
    return exchanges.onExchange(digest);
  }

  /** Takes the delta a peer sends after an exchange, or a ring state the claimant pushes. */
  public Future<GossipDeliverReply> onDeliver(GossipDelta delta) {
    return exchanges.onDeliver(delta);
  }

  // ---------------------------------------------------------------------------------------------
  // Requests of this node for itself

  /** Asks to leave (see {@link MembershipRequests#leave}). */
  public Future<Void> requestLeave(int minimumMembers) {
    return requests.leave(minimumMembers);
  }

  /** Joins the cluster a seed belongs to (see {@link MembershipRequests#join}). */
  public Future<Void> join(String seed) {
    return requests.join(seed);
  }

  /** Records what this node has received of the current ownership change. */
  public void reportHandoff(HandoffProgress progress) {
    requests.reportHandoff(progress);
  }

  /** Called with each ring state this node adopts (on a Vert.x thread; must not block). */
  public void onRingState(Consumer<RingState> listener) {
    state.onRingState(listener);
  }

  // ---------------------------------------------------------------------------------------------
  // What operators and handoff read

  /** The ring state this node holds, or null before it knows one. */
  public RingState ringState() {
    return state.ring();
  }

  /** Every gossip entry, this node's own included, left nodes too. */
  public List<NodeEntry> entries() {
    return state.entries();
  }

  public Optional<NodeEntry> entry(String id) {
    return state.entry(id);
  }

  /** This node's own membership. */
  public Membership membership() {
    return state.membership();
  }

  /** Whether every member of the current ring state holds at least this version. */
  public boolean everyMemberHolds(long version) {
    return state.everyMemberHolds(version);
  }

  /** The replica roles of the current change that their receivers have not reported done. */
  public List<PartitionMove> pendingMoves() {
    return state.pendingMoves();
  }

  /** The claimant as this node sees it, whether the ring is ready, and why a change waits. */
  public Claimant.Status claimantStatus() {
    return claimant.status();
  }

  /** Peers that refused this node or that this node refused lately, by address, with the reason. */
  public Map<String, String> refusals() {
    return exchanges.refusals();
  }

  /** Gossip rounds this node has started. */
  public long rounds() {
    return rounds.get();
  }

  /** The phi of a peer now (infinite for one never heard of). */
  public double phi(String id) {
    return state.detector().phi(id);
  }

  // ---------------------------------------------------------------------------------------------
  // ClusterView

  @Override
  public NodeInfo self() {
    return state.self();
  }

  /**
   * Whether this node can coordinate requests: it knows a ring, and where the other members are,
   * which a node that restarts with the ring it remembered learns at its first gossip exchange.
   */
  @Override
  public boolean isReady() {
    return state.isReady();
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
    RingState ring = state.ring();
    if (ring == null) {
      throw new IllegalStateException("the ring is not known yet");
    }
    return ring;
  }

  @Override
  public Collection<NodeInfo> nodes() {
    return state.entries().stream().map(NodeEntry::node).toList();
  }

  @Override
  public Optional<NodeInfo> node(String id) {
    if (id.equals(self().id())) {
      return Optional.of(self());
    }
    return state.entry(id).map(NodeEntry::node);
  }

  @Override
  public boolean isUp(String id) {
    return state.isUp(id);
  }

  @Override
  public void reportCall(String id, boolean succeeded) {
    if (!id.equals(self().id())) {
      state.detector().reportCall(id, succeeded);
    }
  }
}
