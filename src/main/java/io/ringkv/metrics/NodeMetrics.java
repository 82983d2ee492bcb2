package io.ringkv.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ringkv.api.RequestObserver;
import io.ringkv.replication.ReplicationListener;
import io.ringkv.storage.StoreStats;
import io.ringkv.version.ClockPruning;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One node's metrics: a Prometheus registry of its own (several nodes share a JVM in {@code local}
 * and in tests, so never Micrometer's global registry), every meter labelled {@code node}. It is
 * the node's {@link RequestObserver} and {@link ReplicationListener}; the node registers the
 * sources of its gauges with the {@code register…} methods, once each, as those mechanisms exist
 * — a meter without a real source is never published. The names, labels and units are listed in
 * {@code package-info.java}.
 *
 * <p>Gauge and counter sources are read on every scrape, on an event loop: they must be cheap,
 * thread-safe and never block.
 */
public final class NodeMetrics implements RequestObserver, ReplicationListener, AutoCloseable {

  /** How often the event-loop lag probes fire: cheap, yet frequent enough to catch short stalls. */
  static final long LAG_PROBE_INTERVAL_MILLIS = 100;

  private final String nodeId;
  private final PrometheusMeterRegistry registry;
  private final ClientRequestMeters requests;
  private final ReplicationMeters replication;
  private final JvmGcMetrics gcMetrics;
  private final RefreshedGauges refreshed = new RefreshedGauges();
  /** Micrometer holds a function counter's source weakly: these keep lambdas from being collected. */
  private final List<Object> counterSources = new CopyOnWriteArrayList<>();

  /**
   * The contract puts every series under {@code ringkv_}: Micrometer's JVM and process meters too
   * ({@code ringkv_jvm_gc_pause_seconds}, {@code ringkv_process_cpu_usage}, ...).
   */
  private static final MeterFilter EVERY_NAME_UNDER_RINGKV =
      new MeterFilter() {
        @Override
        public Meter.Id map(Meter.Id id) {
          return id.getName().startsWith("ringkv.") ? id : id.withName("ringkv." + id.getName());
        }
      };

  public NodeMetrics(String nodeId) {
    this.nodeId = nodeId;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config()
        .commonTags("node", nodeId)
        .meterFilter(EVERY_NAME_UNDER_RINGKV)
        // Nanoseconds, not a base unit; process_cpu_usage says the same thing. (Micrometer maps
        // every name before it asks whether to accept it: the prefixed name.)
        .meterFilter(MeterFilter.denyNameStartsWith("ringkv.process.cpu.time"));
    this.requests = new ClientRequestMeters(registry);
    this.replication = new ReplicationMeters(registry);
    // JVM-wide figures: in a one-JVM cluster every node reports the same JVM under its own label.
    this.gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  public String nodeId() {
    return nodeId;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Serves {@code GET /metrics} in the Prometheus text format. */
  public Handler<RoutingContext> scrapeHandler() {
    Handler<RoutingContext> scrape = PrometheusScrapingHandler.create(registry);
    return ctx -> {
      refreshed.refresh();
      scrape.handle(ctx);
    };
  }

  /** The current scrape in the Prometheus text format. */
  public String scrape() {
    refreshed.refresh();
    return registry.scrape();
  }

  @Override
  public void completed(String api, String op, String outcome, long nanos) {
    requests.completed(api, op, outcome, nanos);
  }

  @Override
  public void replicaCall(String peer, String op, long nanos, boolean succeeded) {
    replication.replicaCall(peer, op, nanos, succeeded);
  }

  @Override
  public void siblingsRead(int siblings) {
    replication.siblingsRead(siblings);
  }

  @Override
  public void readRepair(String peer) {
    replication.readRepair(peer);
  }

  /**
   * Starts one lag probe per event loop of {@code vertx}: {@code ringkv_event_loop_lag_seconds}.
   *
   * @param eventLoops the size of the Vert.x event-loop pool
   * @return the deployment id (undeploying it stops the probes)
   */
  public Future<String> watchEventLoops(Vertx vertx, int eventLoops) {
    Timer lag =
        LatencyHistogram.timer("ringkv.event.loop.lag", "How late a timer fired on an event loop")
            .register(registry);
    return vertx.deployVerticle(
        () -> new EventLoopLagProbe(lag, LAG_PROBE_INTERVAL_MILLIS),
        new DeploymentOptions().setInstances(eventLoops));
  }

  /** {@code ringkv_partitions_owned}: partitions this node owns in the current ring. */
  public void registerPartitionsOwned(IntSupplier owned) {
    Gauge.builder("ringkv.partitions.owned", owned::getAsInt)
        .description("Partitions this node owns in the current ring")
        .register(registry);
  }

  /**
   * {@code ringkv_stored_keys}, {@code ringkv_stored_value_bytes}, {@code ringkv_stored_file_bytes}
   * and {@code ringkv_stored_partitions}: what this node's partition store holds.
   */
  public void registerStorage(Supplier<StoreStats> stats) {
    Gauge.builder("ringkv.stored.keys", () -> stats.get().keys())
        .description("Keys in this node's partition store")
        .register(registry);
    Gauge.builder("ringkv.stored.value", () -> stats.get().valueBytes())
        .description("Total length of the stored values")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("ringkv.stored.file", () -> stats.get().fileBytes())
        .description("Size of the files behind the partition store (their disk usage)")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("ringkv.stored.partitions", () -> stats.get().partitions())
        .description("Partitions with an open map in this node's store")
        .register(registry);
  }

  /**
   * {@code ringkv_clock_pruned_entries_total} and {@code ringkv_clock_pruned_writes_total}: clock
   * entries dropped by pruning, and the writes whose clock was pruned (non-zero deserves a look:
   * see {@link ClockPruning}).
   */
  public void registerClockPruning(ClockPruning pruning) {
    counter("ringkv.clock.pruned.entries", "Clock entries dropped by pruning", pruning::prunedEntries, null);
    counter("ringkv.clock.pruned.writes", "Writes whose clock had to be pruned", pruning::prunedClocks, null);
  }

  /**
   * {@code ringkv_members{state, membership}} (how many members are up or down, for each
   * membership state seen) and {@code ringkv_member_up{peer}} (1 or 0 per member), as this node's
   * failure detector sees them.
   */
  public void registerMembers(Supplier<? extends Collection<MemberStatus>> members) {
    MultiGauge byState =
        MultiGauge.builder("ringkv.members")
            .description("Members by liveness and membership state, as this node sees them")
            .register(registry);
    MultiGauge upByPeer =
        MultiGauge.builder("ringkv.member.up")
            .description("1 when this node sees the member up, else 0")
            .register(registry);
    refreshed.add(byState, () -> memberCounts(members.get()));
    refreshed.add(upByPeer, () -> memberLiveness(members.get()));
  }

  private static List<MultiGauge.Row<?>> memberCounts(Collection<MemberStatus> members) {
    Map<String, int[]> upAndDownByMembership = new TreeMap<>();
    for (MemberStatus member : members) {
      upAndDownByMembership.computeIfAbsent(member.membership(), m -> new int[2])[member.up() ? 0 : 1]++;
    }
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    upAndDownByMembership.forEach(
        (membership, counts) -> {
          rows.add(MultiGauge.Row.of(Tags.of("state", "up", "membership", membership), counts[0]));
          rows.add(MultiGauge.Row.of(Tags.of("state", "down", "membership", membership), counts[1]));
        });
    return rows;
  }

  private static List<MultiGauge.Row<?>> memberLiveness(Collection<MemberStatus> members) {
    return members.stream()
        .<MultiGauge.Row<?>>map(member -> MultiGauge.Row.of(Tags.of("peer", member.id()), member.up() ? 1 : 0))
        .toList();
  }

  /**
   * {@code ringkv_hints_pending{target}}: hints kept for each intended owner. A target that drained
   * stays listed with 0 (rather than vanishing), so a graph shows the queue emptying.
   */
  public void registerHintsPending(Supplier<Map<String, Long>> pendingByTarget) {
    MultiGauge pending =
        MultiGauge.builder("ringkv.hints.pending")
            .description("Hints waiting for delivery, by intended owner")
            .register(registry);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    refreshed.add(
        pending,
        () -> {
          Map<String, Long> now = pendingByTarget.get();
          seen.addAll(now.keySet());
          return seen.stream()
              .<MultiGauge.Row<?>>map(target -> MultiGauge.Row.of(Tags.of("target", target), now.getOrDefault(target, 0L)))
              .toList();
        });
  }

  /**
   * {@code ringkv_hints_stored_total} and {@code ringkv_hints_delivered_total}: hinted handoff's
   * traffic, from the handoff mechanism.
   */
  public void registerHintTraffic(LongSupplier stored, LongSupplier delivered) {
    counter("ringkv.hints.stored", "Hints stored for unreachable owners", stored, null);
    counter("ringkv.hints.delivered", "Hints delivered to their owners and deleted", delivered, null);
  }

  /**
   * {@code ringkv_hints_dropped_total}: hints dropped instead of delivered because they outlived
   * the handoff window (anti-entropy repairs what they held).
   */
  public void registerHintsDropped(LongSupplier dropped) {
    counter("ringkv.hints.dropped", "Hints dropped after the handoff window, never delivered", dropped, null);
  }

  /**
   * {@code ringkv_antientropy_exchanges_total}, {@code ringkv_antientropy_keys_repaired_total} and
   * {@code ringkv_antientropy_transferred_bytes_total}: the Merkle exchanges and what they cost.
   */
  public void registerAntiEntropy(LongSupplier exchanges, LongSupplier keysRepaired, LongSupplier bytes) {
    counter("ringkv.antientropy.exchanges", "Merkle-tree exchanges completed", exchanges, null);
    counter("ringkv.antientropy.keys.repaired", "Keys anti-entropy synced", keysRepaired, null);
    counter("ringkv.antientropy.transferred", "Bytes anti-entropy sent", bytes, "bytes");
  }

  /** {@code ringkv_gossip_rounds_total}: gossip exchanges this node started. */
  public void registerGossip(LongSupplier rounds) {
    counter("ringkv.gossip.rounds", "Gossip rounds this node started", rounds, null);
  }

  private void counter(String name, String description, LongSupplier count, String baseUnit) {
    FunctionCounter.builder(name, count, LongSupplier::getAsLong)
        .description(description)
        .baseUnit(baseUnit)
        .register(registry);
    counterSources.add(count);
  }

  /** Stops watching the JVM and releases the registry. */
  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }
}
