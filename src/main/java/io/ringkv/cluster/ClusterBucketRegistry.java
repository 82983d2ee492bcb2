package io.ringkv.cluster;

import io.ringkv.transport.PeerTransport;
import io.ringkv.transport.proto.BucketAck;
import io.ringkv.transport.proto.BucketEntry;
import io.ringkv.transport.proto.ClusterGrpcClient;
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
 * Bucket properties, cluster-wide: each change is stamped (time, node), persisted here, and pushed
 * to every peer; peers also exchange all entries when they say hello, so a node that was down
 * catches up. The newest stamp wins everywhere, so every node converges on the same props.
 */
public final class ClusterBucketRegistry implements BucketRegistry {

  private static final long PUSH_DEADLINE_MILLIS = 2_000;
  private static final Comparator<BucketEntry> NEWEST_LAST =
      Comparator.comparingLong(BucketEntry::getUpdatedAtMillis).thenComparing(BucketEntry::getUpdatedBy);

  private final Vertx vertx;
  private final Path file;
  private final String selfId;
  private final PeerTransport transport;
  private final Supplier<Collection<NodeInfo>> peers;
  private final LongSupplier clock;
  private final Map<String, BucketEntry> entries = new ConcurrentHashMap<>();

  /**
   * @param file where the entries persist ({@code buckets.json} in the data dir); read if present
   * @param peers the other nodes to push changes to
   */
  public ClusterBucketRegistry(
      Vertx vertx,
      Path file,
      String selfId,
      PeerTransport transport,
      Supplier<Collection<NodeInfo>> peers,
      LongSupplier clock) {
    this.vertx = vertx;
    this.file = file;
    this.selfId = selfId;
    this.transport = transport;
    this.peers = peers;
    this.clock = clock;
    load();
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
    List<Future<BucketAck>> pushes =
        peers.get().stream()
            .filter(node -> !node.id().equals(selfId))
            .map(node -> transport.call(node.peerAddress(), ClusterGrpcClient.UpdateBucket, entry, PUSH_DEADLINE_MILLIS))
            .toList();
    // Waits for every push (each bounded by its deadline), so the change is visible everywhere when
    // the client hears back; a peer that misses it catches up at its next hello.
    return Future.join(pushes).transform(ignored -> persist()).map(next);
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
