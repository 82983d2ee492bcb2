package io.ringkv.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;

/**
 * One Chronicle Map file of byte[] keys and values: a layer of a {@link LayeredMap}.
 *
 * <p>Reference-counted: the owning map holds one reference and every iteration one more. A retired
 * file is closed (and deleted, if it was dropped) when its last holder lets go, so that Chronicle's
 * memory is never unmapped under a reader.
 */
final class MapFile {

  /** Suffix of a file being created: it gets its final name only once Chronicle has sized it. */
  static final String PARTIAL = ".partial";

  /** Suffix of a dropped file waiting for its last reader; never opened again. */
  static final String DROPPED = ".dropped";

  private final Path path;
  private final long entries;
  private final ChronicleMap<byte[], byte[]> map;
  private final long maxExtraTiers;
  private final AtomicInteger holders = new AtomicInteger(1);
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private volatile Path deleteWhenClosed;

  private MapFile(Path path, long entries, ChronicleMap<byte[], byte[]> map) {
    this.path = path;
    this.entries = entries;
    this.map = map;
    // The limit Chronicle enforces (ChronicleMapBuilder.maxExtraTiers).
    this.maxExtraTiers =
        Math.round((map.maxBloatFactor() - 1.0) * map.segments()) + map.segments();
  }

  /** Creates and opens a map file sized for {@code entries}; see {@link #createClosed}. */
  static MapFile create(Path path, long entries, StoreOptions options) {
    createClosed(path, entries, options);
    return open(path, entries, false, options);
  }

  /**
   * Creates a map file sized for {@code entries}, and closes it. It is made under a partial name
   * and renamed once complete, so that a crash never leaves a half-made map under a real name.
   * (Renamed closed: Chronicle finds an open map's file by name when it allocates tiers.)
   */
  static void createClosed(Path path, long entries, StoreOptions options) {
    Path partial = path.resolveSibling(path.getFileName() + PARTIAL);
    try {
      builder(path, entries, options).createPersistedTo(partial.toFile()).close();
      Files.move(partial, path, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StorageException("cannot create " + path, e);
    }
  }

  /**
   * Opens an existing map file. {@code recover} repairs what a killed process left behind (held
   * segment locks); Chronicle reads the sizing from the file's header either way.
   */
  static MapFile open(Path path, long entries, boolean recover, StoreOptions options) {
    ChronicleMapBuilder<byte[], byte[]> builder = builder(path, entries, options);
    try {
      return new MapFile(
          path,
          entries,
          recover
              ? builder.recoverPersistedTo(path.toFile(), true)
              : builder.createPersistedTo(path.toFile()));
    } catch (IOException e) {
      throw new StorageException("cannot open " + path, e);
    }
  }

  private static ChronicleMapBuilder<byte[], byte[]> builder(
      Path path, long entries, StoreOptions options) {
    return ChronicleMap.of(byte[].class, byte[].class)
        .name(path.getFileName().toString())
        .entries(entries)
        // + the record tag; see RecordKeys and ValueRecord.
        .averageKeySize(options.averageKeySize() + 1)
        .averageValueSize(options.averageValueSize() + 1)
        .maxBloatFactor(options.maxBloatFactor())
        // The store closes its maps itself, and at exit the node's shutdown hook does it (marking
        // the store clean). Chronicle's own exit hook closed the same maps at the same time: a
        // NullPointerException inside Chronicle, and a store left to recover on the next start.
        .skipCloseOnExitHook(true);
  }

  byte[] get(byte[] key) {
    return map.get(key);
  }

  boolean contains(byte[] key) {
    return map.containsKey(key);
  }

  /**
   * Stores {@code value} under {@code key}.
   *
   * @throws LayerFullException when the map has no segment tier left for it; nothing was written
   */
  void put(byte[] key, byte[] value) {
    try (ExternalMapQueryContext<byte[], byte[], ?> query = map.queryContext(key)) {
      query.updateLock().lock();
      MapEntry<byte[], byte[]> entry = query.entry();
      Data<byte[]> data = query.wrapValueAsData(value);
      // Unlike map.put, these don't copy out the previous value.
      if (entry != null) {
        query.replaceValue(entry, data);
      } else {
        query.insert(query.absentEntry(), data);
      }
    } catch (IllegalStateException e) {
      if (map.remainingAutoResizes() == 0
          || String.valueOf(e.getMessage()).contains("extra segment tier")) {
        throw new LayerFullException(this, e);
      }
      throw e;
    }
  }

  void remove(byte[] key) {
    try (ExternalMapQueryContext<byte[], byte[], ?> query = map.queryContext(key)) {
      query.updateLock().lock();
      MapEntry<byte[], byte[]> entry = query.entry();
      if (entry != null) {
        query.remove(entry);
      }
    }
  }

  long size() {
    return map.longSize();
  }

  /** Up to {@code limit} keys, for draining the file. */
  List<byte[]> keys(int limit) {
    List<byte[]> keys = new ArrayList<>(Math.min(limit, 1024));
    Iterator<byte[]> it = map.keySet().iterator();
    while (keys.size() < limit && it.hasNext()) {
      keys.add(it.next());
    }
    return keys;
  }

  /**
   * Visits every entry. Chronicle's iterator copies one segment at a time and releases its lock
   * before handing the entries out, so the visitor runs outside Chronicle's locks and may write.
   */
  void forEachEntry(BiConsumer<byte[], byte[]> visitor) {
    for (Map.Entry<byte[], byte[]> entry : map.entrySet()) {
      visitor.accept(entry.getKey(), entry.getValue());
    }
  }

  /** Receives the entries of a {@link #scan}: each key with its value's first byte and size. */
  interface EntryScan {
    void entry(byte[] key, byte firstValueByte, long valueSize);
  }

  /** Visits every entry without copying values; the scan runs under Chronicle's segment locks. */
  void scan(EntryScan scan) {
    map.forEachEntry(
        entry -> {
          Data<byte[]> value = entry.value();
          byte first = value.size() == 0 ? 0 : value.bytes().readByte(value.offset());
          scan.entry(entry.key().getUsing(null), first, value.size());
        });
  }

  /**
   * True once the map uses as many extra segment tiers as it has segments, i.e. it outgrew what it
   * was sized for. Time to prepare a bigger one: the remaining tiers (maxBloatFactor) absorb the
   * writes until it is ready.
   */
  boolean needsGrowth() {
    return extraTiersUsed() >= map.segments();
  }

  /** Bytes of the keys and values stored: what a bigger map must hold. Reads every entry's size. */
  long contentBytes() {
    long[] total = {0};
    map.forEachEntry(entry -> total[0] += entry.key().size() + entry.value().size());
    return total[0];
  }

  private long extraTiersUsed() {
    return maxExtraTiers - map.remainingAutoResizes();
  }

  long entries() {
    return entries;
  }

  /** Size of the file (fully allocated by Chronicle: also its disk usage). */
  long fileBytes() {
    return path.toFile().length();
  }

  /** Adds a holder; only while the file is known to be held (under its map's read lock). */
  void retain() {
    holders.incrementAndGet();
  }

  /** Drops a holder; the last one closes the file. */
  void release() {
    if (holders.decrementAndGet() == 0) {
      closeNow();
    }
  }

  /**
   * Marks the file to be deleted once closed. Renamed first, so that if the process dies before
   * the deletion the file is not mistaken for live data on the next start. Only for retired files:
   * Chronicle needs the name to allocate tiers, which a file that is no longer written never does.
   */
  void dropWhenClosed() {
    Path dropped = path.resolveSibling(path.getFileName() + DROPPED);
    try {
      Files.move(path, dropped, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rename " + path + " for deletion", e);
    }
    deleteWhenClosed = dropped;
  }

  /** Completes when the file is closed (and deleted, if dropped). */
  CompletableFuture<Void> closed() {
    return closed;
  }

  private void closeNow() {
    try {
      map.close();
      Path doomed = deleteWhenClosed;
      if (doomed != null) {
        Files.deleteIfExists(doomed);
      }
      closed.complete(null);
    } catch (IOException | RuntimeException e) {
      closed.completeExceptionally(e);
    }
  }

  @Override
  public String toString() {
    return path.getFileName().toString();
  }
}
