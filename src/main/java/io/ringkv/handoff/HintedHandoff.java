package io.ringkv.handoff;

import io.ringkv.storage.HintStore;
import io.ringkv.version.ConflictMode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hinted handoff (Dynamo §4.6), the manager: every check interval it looks at the owners this node
 * keeps hints for, and for each one seen up again starts a {@link HintDelivery}; now and then it
 * sweeps the hints of owners that stay down for expired ones ({@link HintExpiry}).
 *
 * <p>Passes run one at a time on a thread of their own, never on an event loop: they walk the hint
 * store and wait for acks. Hints live in the persisted hint store, so they survive a restart of
 * this node and the next pass after it picks them up.
 */
public final class HintedHandoff {

  private static final Logger log = LoggerFactory.getLogger(HintedHandoff.class);

  private final Vertx vertx;
  private final HintStore store;
  private final HintChannel channel;
  private final Predicate<String> isUp;
  private final Function<String, ConflictMode> conflictModeOf;
  private final HintedHandoffOptions options;
  private final LongSupplier clock;
  private final HintExpiry expiry;
  private final ExecutorService passes;
  private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
  private final AtomicLong delivered = new AtomicLong();
  private volatile boolean stopping;
  private long lastSweepMillis;
  private long timer = -1;

  /**
   * @param isUp whether an owner is seen up (the cluster's failure detector)
   * @param conflictModeOf a bucket's conflict mode, for the owner's merge
   * @param clock wall-clock milliseconds, for the age of hints
   */
  public HintedHandoff(
      Vertx vertx,
      String nodeId,
      HintStore store,
      HintChannel channel,
      Predicate<String> isUp,
      Function<String, ConflictMode> conflictModeOf,
      HintedHandoffOptions options,
      LongSupplier clock) {
    this.vertx = vertx;
    this.store = store;
    this.channel = channel;
    this.isUp = isUp;
    this.conflictModeOf = conflictModeOf;
    this.options = options;
    this.clock = clock;
    this.expiry = new HintExpiry(store, options.windowMillis(), clock);
    this.passes =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "ringkv-handoff-" + nodeId);
              thread.setDaemon(true);
              return thread;
            });
    this.lastSweepMillis = clock.getAsLong();
  }

  /** Starts looking for owners to hand hints to. */
  public void start() {
    timer = vertx.setPeriodic(options.checkIntervalMillis(), id -> check());
  }

  /** Hints delivered to their owners and deleted since this node started. */
  public long delivered() {
    return delivered.get();
  }

  /** Hints dropped (expired, or unreadable) since this node started. */
  public long dropped() {
    return expiry.dropped();
  }

  /**
   * Stops scheduling and lets the pass under way end at its next hint. Completes once no pass
   * runs, so the hint store can be closed.
   */
  public Future<Void> stop() {
    stopping = true;
    vertx.cancelTimer(timer);
    // Completed by the pass thread once what runs or is queued is done. A plain promise, bound to
    // no Vert.x context, so a caller may close Vert.x next and still hear of it.
    Promise<Void> idle = Promise.promise();
    try {
      passes.execute(idle::complete);
    } catch (RejectedExecutionException alreadyStopped) {
      idle.tryComplete();
    }
    passes.shutdown();
    return idle.future();
  }

  /** Called every check interval on an event loop: cheap, it only schedules. */
  private void check() {
    boolean sweepDue = clock.getAsLong() - lastSweepMillis >= options.expirySweepMillis();
    if (sweepDue) {
      lastSweepMillis = clock.getAsLong();
    }
    for (String owner : store.pendingByTarget().keySet()) {
      if (isUp.test(owner)) {
        schedule(owner, () -> deliver(owner));
      } else if (sweepDue) {
        schedule(owner, () -> expiry.sweep(owner));
      }
    }
  }

  /** One pass per owner queued or running at a time. */
  private void schedule(String owner, Runnable pass) {
    if (stopping || !scheduled.add(owner)) {
      return;
    }
    try {
      passes.execute(
          () -> {
            try {
              pass.run();
            } catch (RuntimeException e) {
              log.warn("hinted-handoff pass for {} failed: {}", owner, e.toString());
            } finally {
              scheduled.remove(owner);
            }
          });
    } catch (RejectedExecutionException stopped) {
      scheduled.remove(owner);
    }
  }

  private void deliver(String owner) {
    long before = delivered.get();
    boolean complete;
    try {
      complete =
          new HintDelivery(
                  owner, store, channel, expiry, options, conflictModeOf, () -> stopping, delivered)
              .run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    long count = delivered.get() - before;
    if (count > 0 || !complete) {
      log.info(
          "hinted handoff to {}: {} hints delivered{}",
          owner, count, complete ? "" : ", the rest kept for a later pass");
    }
  }
}
