package io.ringkv.cluster;

import io.ringkv.transport.proto.BucketEntry;
import io.ringkv.version.ConflictMode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Bucket properties, cluster-wide: each change is stamped (time, node), persisted here, and spread
 * by gossip like the rest of the cluster state: a digest of every entry goes with each gossip
 * round, and nodes whose digests differ exchange their entries. The newest stamp wins everywhere,
 * so every node converges on the same props, a node that was down included.
 */
public final class ClusterBucketRegistry implements BucketRegistry {

  private static final Comparator<BucketEntry> NEWEST_LAST =
      Comparator.comparingLong(BucketEntry::getUpdatedAtMillis).thenComparing(BucketEntry::getUpdatedBy);

  private final Vertx vertx;
  private final Path file;
  private final String selfId;
  private final LongSupplier clock;
  private final Map<String, BucketEntry> entries = new ConcurrentHashMap<>();
  private volatile Supplier<Future<Void>> spreadNow = Future::succeededFuture;

  /** @param file where the entries persist ({@code buckets.json} in the data dir); read if present */
  public ClusterBucketRegistry(Vertx vertx, Path file, String selfId, LongSupplier clock) {
    this.vertx = vertx;
    this.file = file;
    this.selfId = selfId;
    this.clock = clock;
    load();
  }

  /**
   * How a change is spread at once rather than at the next rounds: gossip with every live peer
   * (membership sets it; until then changes spread with the rounds only).
   */
  public void spreadWith(Supplier<Future<Void>> gossipWithEveryPeer) {
    this.spreadNow = gossipWithEveryPeer;
  }

  @Override
  public BucketProps props(String bucket) {
    BucketEntry entry = entries.get(bucket);
    return entry == null ? BucketProps.DEFAULTS : toProps(entry);
  }

  @Override
  public Future<BucketProps> update(String bucket, BucketProps.Patch patch) {
    BucketProps next;
    try {
      next = props(bucket).apply(patch);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    BucketEntry entry = toEntry(bucket, next, Math.max(clock.getAsLong(), newestStamp(bucket) + 1));
    merge(entry);
    // Waits for a gossip exchange with every live peer (each bounded by its deadline), so the change
    // is visible everywhere when the client hears back; a peer that misses it catches up by gossip.
    return spreadNow.get().transform(ignored -> persist()).map(next);
  }

  /**
   * A digest of every entry, for gossip: nodes whose digests differ exchange their entries. Equal
   * maps give equal digests whatever the order they were built in.
   */
  public long digest() {
    long digest = 0;
    for (BucketEntry entry : entries.values()) {
      // Field by field: a protobuf message's own hashCode differs from one JVM to the next.
      long hash = entry.getBucket().hashCode();
      hash = 31 * hash + Long.hashCode(entry.getUpdatedAtMillis());
      hash = 31 * hash + entry.getUpdatedBy().hashCode();
      hash = 31 * hash + entry.getN() * 961L + entry.getR() * 31L + entry.getW();
      hash = 31 * hash + (entry.getLww() ? 1 : 0);
      digest += hash * 0x9E3779B97F4A7C15L;
    }
    return digest;
  }

  /** The largest n of any bucket: how many replicas ownership transfers must plan for. */
  public int maxN() {
    int max = BucketProps.DEFAULTS.n();
    for (BucketEntry entry : entries.values()) {
      max = Math.max(max, entry.getN());
    }
    return max;
  }

  /** Takes an entry from a peer if it is newer than ours. */
  public void merge(BucketEntry incoming) {
    BucketEntry kept =
        entries.merge(
            incoming.getBucket(),
            incoming,
            (current, offered) -> NEWEST_LAST.compare(offered, current) > 0 ? offered : current);
    if (kept == incoming) {
      persist();
    }
  }

  public void mergeAll(Collection<BucketEntry> incoming) {
    incoming.forEach(this::merge);
  }

  /** Every bucket's entry, for a hello. */
  public List<BucketEntry> entries() {
    return List.copyOf(entries.values());
  }

  private long newestStamp(String bucket) {
    BucketEntry entry = entries.get(bucket);
    return entry == null ? 0 : entry.getUpdatedAtMillis();
  }

  private BucketEntry toEntry(String bucket, BucketProps props, long stamp) {
    return BucketEntry.newBuilder()
        .setBucket(bucket)
        .setN(props.n())
        .setR(props.r())
        .setW(props.w())
        .setLww(props.conflict() == ConflictMode.LWW)
        .setUpdatedAtMillis(stamp)
        .setUpdatedBy(selfId)
        .build();
  }

  private static BucketProps toProps(BucketEntry entry) {
    return new BucketProps(
        entry.getN(), entry.getR(), entry.getW(), entry.getLww() ? ConflictMode.LWW : ConflictMode.SIBLINGS);
  }

  private Future<Void> persist() {
    JsonArray all = new JsonArray();
    entries.values().forEach(entry -> all.add(toJson(entry)));
    return vertx.executeBlocking(() -> write(all.encodePrettily()), false);
  }

  private synchronized Void write(String json) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, json);
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return null;
  }

  private void load() {
    if (!Files.exists(file)) {
      return;
    }
    try {
      new JsonArray(Files.readString(file))
          .forEach(item -> {
            BucketEntry entry = fromJson((JsonObject) item);
            entries.put(entry.getBucket(), entry);
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bucket properties from " + file, e);
    }
  }

  private static JsonObject toJson(BucketEntry entry) {
    return new JsonObject()
        .put("bucket", entry.getBucket())
        .put("n", entry.getN())
        .put("r", entry.getR())
        .put("w", entry.getW())
        .put("conflict", entry.getLww() ? "lww" : "siblings")
        .put("updatedAtMillis", entry.getUpdatedAtMillis())
        .put("updatedBy", entry.getUpdatedBy());
  }

  private static BucketEntry fromJson(JsonObject json) {
    return BucketEntry.newBuilder()
        .setBucket(json.getString("bucket"))
        .setN(json.getInteger("n"))
        .setR(json.getInteger("r"))
        .setW(json.getInteger("w"))
        .setLww("lww".equals(json.getString("conflict")))
        .setUpdatedAtMillis(json.getLong("updatedAtMillis"))
        .setUpdatedBy(json.getString("updatedBy", ""))
        .build();
  }
}
