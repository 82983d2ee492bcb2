package io.ringkv.storage;

import io.ringkv.storage.MapDirectory.MapFileName;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The persisted {@link PartitionedStore}: one Chronicle map per partition under {@code
 * <dataDir>/partitions}, created on the partition's first write, small ({@link
 * StoreOptions#initialEntries}), and migrated to bigger files as it fills.
 *
 * <p>A partition's first write takes one of a few spare maps the maintenance thread keeps ready
 * (rename and open: 1-4 ms measured on a busy 2-core machine); only when writes to new partitions
 * come faster than spares are made does it create one itself (a few ms more), once per partition. Chronicle's
 * one-off code generation is paid in {@link #open}. Bigger maps, for growth, are only ever
 * created by the maintenance thread.
 */
public final class ChronicleStore implements PartitionedStore {

  private static final String PREFIX = "p";
  /** Empty maps kept ready for first writes (432 KiB each at the default sizing). */
  private static final int SPARE_MAPS = 4;

  private final MapDirectory directory;
  private final ConcurrentMap<Integer, ChunkedMap> partitions = new ConcurrentHashMap<>();
  /** Creating a partition holds the read side, closing the write side: none is created after. */
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private volatile boolean closed;

  private ChronicleStore(MapDirectory directory) {
    this.directory = directory;
  }

  /**
   * Opens (or creates) the store under {@code dataDir}, recovering every map if the last process
   * did not close it cleanly.
   */
  public static ChronicleStore open(Path dataDir, StoreOptions options) {
    MapDirectory directory =
        MapDirectory.open(dataDir.resolve("partitions"), options, SPARE_MAPS);
    ChronicleStore store = new ChronicleStore(directory);
    try {
      Map<String, List<MapFileName>> existing = directory.existingMaps();
      for (Map.Entry<String, List<MapFileName>> map : existing.entrySet()) {
        int partition = Integer.parseInt(map.getKey().substring(PREFIX.length()));
        store.partitions.put(partition, directory.openMap(map.getKey(), partition, map.getValue()));
      }
      return store;
    } catch (RuntimeException e) {
      directory.close(store.partitions.values(), false); // not clean: recover on the next try
      throw e;
    }
  }

  /** True if this store was opened after an unclean stop and its maps were recovered. */
  public boolean recovered() {
    return directory.recovering();
  }

  @Override
  public byte[] get(int partition, byte[] key) {
    while (true) {
      ChunkedMap map = existing(partition);
      if (map == null) {
        return null;
      }
      try {
        return map.get(key);
      } catch (LayeredMap.Retired e) {
        // dropped meanwhile: look again
      }
    }
  }

  @Override
  public byte[] update(int partition, byte[] key, UnaryOperator<byte[]> change) {
    while (true) {
      ChunkedMap map = existing(partition);
      if (map == null) {
        if (change.apply(null) == null) {
          return null; // nothing to store: no map for it
        }
        map = created(partition);
      }
      try {
        return map.update(key, change).after();
      } catch (LayeredMap.Retired e) {
        // dropped meanwhile: look again
      }
    }
  }

  @Override
  public void forEach(int partition, BiConsumer<byte[], byte[]> visitor) {
    ChunkedMap map = existing(partition);
    if (map != null) {
      try {
        map.forEach(visitor);
      } catch (LayeredMap.Retired e) {
        // dropped meanwhile: nothing more to visit
      }
    }
  }

  @Override
  public void prepare(java.util.Collection<Integer> partitions) {
    for (int partition : partitions) {
      if (existing(partition) == null) {
        created(partition);
      }
    }
  }

  @Override
  public void dropPartition(int partition) {
    checkOpen();
    ChunkedMap map = partitions.remove(partition);
    if (map != null) {
      map.destroy();
    }
  }

  @Override
  public Set<Integer> partitions() {
    return partitions.entrySet().stream()
        .filter(e -> e.getValue().keys() > 0)
        .map(Map.Entry::getKey)
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public StoreStats stats() {
    long keys = 0;
    long valueBytes = 0;
    long fileBytes = 0;
    for (ChunkedMap map : partitions.values()) {
      keys += map.keys();
      valueBytes += map.valueBytes();
      fileBytes += map.fileBytes();
    }
    return new StoreStats(keys, valueBytes, fileBytes, partitions.size());
  }

  /** The files of a partition's map, newest first (for tests and operators). */
  List<MapFile> layers(int partition) {
    ChunkedMap map = partitions.get(partition);
    return map == null ? List.of() : map.layers().layers();
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      lifecycle.writeLock().unlock();
    }
    List<ChunkedMap> maps = List.copyOf(partitions.values());
    partitions.clear();
    directory.close(maps, true);
  }

  private ChunkedMap existing(int partition) {
    checkOpen();
    return partitions.get(partition);
  }

  private ChunkedMap created(int partition) {
    if (partition < 0) {
      throw new IllegalArgumentException("negative partition " + partition);
    }
    lifecycle.readLock().lock();
    try {
      checkOpen();
      return partitions.computeIfAbsent(
          partition, p -> directory.createMap(PREFIX + p, p));
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException("store is closed");
    }
  }
}
