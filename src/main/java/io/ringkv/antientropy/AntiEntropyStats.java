package io.ringkv.antientropy;

import io.ringkv.antientropy.ExchangeResult.Outcome;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * What this node's anti-entropy has done, per partition and in total, for {@code /admin/anti-entropy}.
 * Thread-safe: the scheduler records, HTTP event loops read.
 */
final class AntiEntropyStats {

  private final PartitionRecord[] partitions;
  private final Map<Outcome, Long> exchangesByOutcome = new EnumMap<>(Outcome.class);
  private long comparisons;
  private long keysListed;
  private long keysRepaired;
  private long bytes;
  private long sweeps;
  private long sweepsFailed;
  private long sweepsHeldBack;
  private long tombstonesPurged;
  private long backOffs;
  private long treeRebuilds;
  private int running;

  AntiEntropyStats(int partitionCount) {
    partitions = new PartitionRecord[partitionCount];
    for (int partition = 0; partition < partitionCount; partition++) {
      partitions[partition] = new PartitionRecord();
    }
    for (Outcome outcome : Outcome.values()) {
      exchangesByOutcome.put(outcome, 0L);
    }
  }

  synchronized void started() {
    running++;
  }

  synchronized void exchanged(ExchangeResult result) {
    running--;
    exchangesByOutcome.merge(result.outcome(), 1L, Long::sum);
    comparisons += result.comparisons();
    keysListed += result.keysListed();
    keysRepaired += result.keysRepaired();
    bytes += result.bytes();
    partitions[result.partition()].exchanged(result);
  }

  synchronized void swept(TombstoneReaper.Sweep sweep) {
    running--;
    sweeps++;
    tombstonesPurged += sweep.purged();
    partitions[sweep.partition()].tombstonesPurged += sweep.purged();
  }

  synchronized void sweepFailed() {
    running--;
    sweepsFailed++;
  }

  /** A sweep did not start because a replica of the partition looked down. */
  synchronized void sweepHeldBack() {
    sweepsHeldBack++;
  }

  /** A tree was rebuilt because exchanges found it disagreeing with the store. */
  synchronized void treeRebuilt() {
    treeRebuilds++;
  }

  /** The scheduler held back because client traffic was suffering. */
  synchronized void backedOff() {
    backOffs++;
  }

  synchronized JsonObject toJson(PartitionTrees trees) {
    JsonObject byOutcome = new JsonObject();
    long exchanges = 0;
    for (Map.Entry<Outcome, Long> entry : exchangesByOutcome.entrySet()) {
      byOutcome.put(entry.getKey().name().toLowerCase(java.util.Locale.ROOT), entry.getValue());
      exchanges += entry.getValue();
    }
    long keys = 0;
    long tombstones = 0;
    int ready = 0;
    JsonArray perPartition = new JsonArray();
    for (int partition = 0; partition < partitions.length; partition++) {
      PartitionTree tree = trees.tree(partition);
      keys += tree.keys();
      tombstones += tree.tombstones();
      ready += tree.ready() ? 1 : 0;
      perPartition.add(partitions[partition].toJson(partition, tree));
    }
    JsonObject totals = new JsonObject()
        .put("exchanges", exchanges)
        .put("byOutcome", byOutcome)
        .put("comparisons", comparisons)
        .put("keysListed", keysListed)
        .put("keysRepaired", keysRepaired)
        .put("bytes", bytes)
        .put("sweeps", sweeps)
        .put("sweepsFailed", sweepsFailed)
        .put("sweepsHeldBack", sweepsHeldBack)
        .put("tombstonesPurged", tombstonesPurged)
        .put("backOffs", backOffs)
        .put("treeRebuilds", treeRebuilds)
        .put("keys", keys)
        .put("tombstones", tombstones);
    return new JsonObject()
        .put("running", running)
        .put("treesReady", ready)
        .put("totals", totals)
        .put("partitions", perPartition);
  }

  /** One partition's history. */
  private static final class PartitionRecord {
    long exchanges;
    long comparisons;
    long keysRepaired;
    long bytes;
    long tombstonesPurged;
    ExchangeResult last;

    void exchanged(ExchangeResult result) {
      exchanges++;
      comparisons += result.comparisons();
      keysRepaired += result.keysRepaired();
      bytes += result.bytes();
      last = result;
    }

    JsonObject toJson(int partition, PartitionTree tree) {
      JsonObject json = new JsonObject()
          .put("partition", partition)
          .put("treeReady", tree.ready())
          .put("keys", tree.keys())
          .put("tombstones", tree.tombstones())
          .put("exchanges", exchanges)
          .put("comparisons", comparisons)
          .put("keysRepaired", keysRepaired)
          .put("bytes", bytes)
          .put("tombstonesPurged", tombstonesPurged);
      if (last != null) {
        json.put("lastExchange", lastExchange(last));
      }
      return json;
    }

    private static JsonObject lastExchange(ExchangeResult last) {
      JsonObject json = new JsonObject()
          .put("peer", last.peer())
          .put("at", Instant.ofEpochMilli(last.startedAtMillis()).toString())
          .put("outcome", last.outcome().name().toLowerCase(java.util.Locale.ROOT))
          .put("comparisons", last.comparisons())
          .put("keysListed", last.keysListed())
          .put("keysRepaired", last.keysRepaired())
          .put("bytes", last.bytes())
          .put("durationMillis", last.durationMillis());
      if (last.failure() != null) {
        json.put("failure", last.failure());
      }
      return json;
    }
  }
}
