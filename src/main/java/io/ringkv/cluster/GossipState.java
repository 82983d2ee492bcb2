package io.ringkv.cluster;

import io.ringkv.cluster.GossipTable.Outcome;
import io.ringkv.cluster.NodeEntry.EntryVersion;
import io.ringkv.transport.proto.RingStateMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node knows of the cluster, shared by the gossip rounds, the peer endpoint, the
 * claimant and the coordinator: the {@link GossipTable} under one lock, the failure detector that
 * merges feed with heartbeat arrivals, and the ring state, which the coordinator reads without
 * locking. It saves what must survive a restart and tells listeners of every ring state adopted.
 */
final class GossipState {

  private static final Logger log = LoggerFactory.getLogger(GossipState.class);

  private final Vertx vertx;
  private final ClusterStateFile stateFile;
  private final FailureDetector detector;
  private final long generation;
  private final GossipTable table;
  private final Object lock = new Object();
  private final Map<String, String> idByAddress = new ConcurrentHashMap<>();
  private final List<Consumer<RingState>> ringListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
  private final Promise<Void> ready = Promise.promise();
  private volatile RingState ring;
  private volatile RingStateMessage ringMessage;
  private volatile NodeInfo self;
  private volatile boolean started;
  /** Whether a gossip exchange with a peer succeeded since this start. */
  private volatile boolean heard;

  /**
   * @param unbound this node before its ports are bound
   * @param saved what this node remembered: a node that never joined, or left, asks to join in a
   *     new incarnation; any other resumes where it was
   */
  GossipState(
      Vertx vertx, ClusterStateFile stateFile, ClusterStateFile.Saved saved, long generation, NodeInfo unbound,
      FailureDetector detector) {
    this.vertx = vertx;
    this.stateFile = stateFile;
    this.generation = generation;
    this.detector = detector;
    this.self = unbound;
    boolean rejoin = saved.membership() == null || saved.membership() == Membership.LEFT;
    long incarnation = rejoin ? Math.max(generation, saved.incarnation() + 1) : saved.incarnation();
    Membership membership = rejoin ? Membership.JOINING : saved.membership();
    long ringVersion = saved.ring() == null ? 0 : saved.ring().version();
    this.table = new GossipTable(
        new NodeEntry(unbound, generation, 0, incarnation, membership, ringVersion, HandoffProgress.NONE, 0, 0),
        saved.ring());
  }

  /** This node's addresses are known: gossip may begin. Returns the ring it remembered, if any. */
  RingState start(NodeInfo advertised) {
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
    persist(known);
    if (known != null) {
      maybeReady();
      ringListeners.forEach(listener -> listener.accept(known));
    }
    return known;
  }

  boolean started() {
    return started;
  }

  NodeInfo self() {
    return self;
  }

  long generation() {
    return generation;
  }

  FailureDetector detector() {
    return detector;
  }

  // ---------------------------------------------------------------------------------------------
  // What gossip sends

  List<EntryVersion> digest() {
    synchronized (lock) {
      return table.digest();
    }
  }

  GossipTable.Comparison compare(List<EntryVersion> theirs) {
    synchronized (lock) {
      return table.compare(theirs);
    }
  }

  /** The entries of these nodes, those this node knows. */
  List<NodeEntry> entries(Collection<String> ids) {
    synchronized (lock) {
      return ids.stream().map(table::entry).flatMap(Optional::stream).toList();
    }
  }

  NodeEntry selfEntry() {
    synchronized (lock) {
      return table.self();
    }
  }

  RingState ring() {
    return ring;
  }

  /** The ring state in its wire form, encoded once per state; null when none. */
  RingStateMessage ringMessage() {
    return ringMessage;
  }

  // ---------------------------------------------------------------------------------------------
  // What gossip brings

  /**
   * Merges entries and a ring state from a peer (a ring of another lineage is ignored); feeds the
   * failure detector; saves and announces what changed.
   */
  void receive(List<NodeEntry> entries, RingState incoming) {
    RingState adopted = null;
    boolean changed = false;
    Membership before;
    synchronized (lock) {
      before = table.self().membership();
      for (NodeEntry entry : entries) {
        changed |= merge(entry);
      }
      if (incoming != null && sameLineage(incoming) && table.adopt(incoming)) {
        adopted = incoming;
        adoptLocked(incoming);
      }
    }
    afterChange(before, adopted);
    if (changed || adopted != null) {
      changeListeners.forEach(Runnable::run);
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

  /**
   * Takes the claimant's step: adopts its ring state and its membership decisions.
   *
   * @return the entries whose membership it decided, or null if the ring state was not newer
   */
  Map<String, NodeEntry> apply(Claimant.Change change) {
    Map<String, NodeEntry> decided = new TreeMap<>();
    Membership before;
    synchronized (lock) {
      before = table.self().membership();
      if (!table.adopt(change.next())) {
        return null;
      }
      adoptLocked(change.next());
      change.memberships().forEach((id, membership) -> table.entry(id).ifPresent(entry -> {
        table.setMembership(id, entry.incarnation(), membership);
        decided.put(id, table.entry(id).orElseThrow());
      }));
    }
    afterChange(before, change.next());
    return decided;
  }

  /** Changes this node's own entry (and beats its heartbeat, so the change spreads). */
  void updateSelf(UnaryOperator<NodeEntry> change) {
    Membership before;
    synchronized (lock) {
      before = table.self().membership();
      table.updateSelf(change.apply(table.self()).beat());
    }
    afterChange(before, null);
  }

  /** Gives up this node's one-node ring: it is about to join another cluster. */
  void forgetRing() {
    synchronized (lock) {
      table.forgetRing();
      setRing(null);
    }
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

  private void afterChange(Membership before, RingState adopted) {
    Membership after = membership();
    if (adopted != null) {
      log.info("node {} holds ring state {} ({}, members {})",
          self.id(), adopted.version(), adopted.phase().label(), adopted.members());
      persist(adopted);
      maybeReady();
      ringListeners.forEach(listener -> listener.accept(adopted));
    } else if (before != after) {
      persist(null);
    }
    if (before != after) {
      log.info("node {} is now {}", self.id(), after.label());
    }
  }

  private void persist(RingState state) {
    NodeEntry own = selfEntry();
    vertx
        .executeBlocking(() -> {
          stateFile.save(state, own.incarnation(), own.membership());
          return null;
        })
        .onFailure(failure -> log.error("cannot save the cluster state of node {}", self.id(), failure));
  }

  // ---------------------------------------------------------------------------------------------
  // Readiness and listeners

  /** A gossip exchange with a peer succeeded: this node knows where the members are. */
  void heardFromPeer() {
    if (!heard) {
      heard = true;
      maybeReady();
    }
  }

  /**
   * Whether this node can coordinate requests: it knows a ring, and where the other members are,
   * which a node that restarts with the ring it remembered learns at its first gossip exchange.
   */
  boolean isReady() {
    RingState state = ring;
    return state != null && (heard || state.members().equals(Set.of(self.id())));
  }

  Future<Void> ready() {
    return ready.future();
  }

  private void maybeReady() {
    if (isReady()) {
      ready.tryComplete();
    }
  }

  void onRingState(Consumer<RingState> listener) {
    ringListeners.add(listener);
  }

  /** Called after a merge changed anything (on the merging thread; must not block). */
  void onChange(Runnable listener) {
    changeListeners.add(listener);
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  List<NodeEntry> entries() {
    synchronized (lock) {
      return List.copyOf(table.entries());
    }
  }

  Optional<NodeEntry> entry(String id) {
    synchronized (lock) {
      return table.entry(id);
    }
  }

  Membership membership() {
    synchronized (lock) {
      return table.self().membership();
    }
  }

  /** The id of the node at a peer address, if gossip has told. */
  Optional<String> idAt(String address) {
    return Optional.ofNullable(idByAddress.get(address));
  }

  void learnAddress(String address, String id) {
    idByAddress.put(address, id);
  }

  boolean isUp(String id) {
    return id.equals(self.id()) || detector.isUp(id);
  }

  /** Whether every member of the current ring state holds at least this version. */
  boolean everyMemberHolds(long version) {
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
  List<PartitionMove> pendingMoves() {
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

  /** The claimant's inputs, as this node sees them. */
  Claimant.View claimantView(List<String> seedsNotContacted, int partitionCount, int replicas) {
    synchronized (lock) {
      return new Claimant.View(
          self.id(), table.ring(), table.entries(), this::isUp, seedsNotContacted, partitionCount, replicas);
    }
  }
}
