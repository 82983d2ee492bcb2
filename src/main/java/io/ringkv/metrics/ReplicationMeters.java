package io.ringkv.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ringkv.replication.ReplicationListener;
import java.util.concurrent.TimeUnit;

/**
 * What the coordinator reports: the latency of each replica call by peer (the paper's §6.1 shows
 * that one slow replica decides the tail of every quorum it is part of), the siblings a read
 * returned, and the read repairs sent.
 *
 * <p>The peer label holds node ids only, so its cardinality is the cluster size.
 */
final class ReplicationMeters implements ReplicationListener {

  static final String REPLICA_CALLS = "ringkv.replica.calls";
  static final String SIBLINGS = "ringkv.read.siblings";
  static final String READ_REPAIRS = "ringkv.read.repairs";

  /** Sibling counts worth telling apart: one is the norm, a growing tail means conflicts pile up. */
  static final double[] SIBLING_BUCKETS = {1, 2, 3, 4, 5, 10, 25, 100};

  private final Meter.MeterProvider<Timer> replicaCalls;
  private final DistributionSummary siblings;
  private final Counter readRepairs;

  ReplicationMeters(MeterRegistry registry) {
    replicaCalls =
        LatencyHistogram.timer(REPLICA_CALLS, "Calls from this coordinator to each replica")
            .withRegistry(registry);
    siblings =
        DistributionSummary.builder(SIBLINGS)
            .description("Live siblings a client read returned")
            .serviceLevelObjectives(SIBLING_BUCKETS)
            .register(registry);
    readRepairs =
        Counter.builder(READ_REPAIRS)
            .description("Merged values sent by read repair to stale or silent replicas")
            .register(registry);
  }

  @Override
  public void replicaCall(String nodeId, String op, long nanos, boolean succeeded) {
    replicaCalls
        .withTags("peer", nodeId, "op", op, "outcome", succeeded ? "ok" : "error")
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void siblingsRead(int count) {
    siblings.record(count);
  }

  @Override
  public void readRepair(String nodeId) {
    readRepairs.increment();
  }
}
