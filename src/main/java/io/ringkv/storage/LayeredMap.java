package io.ringkv.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A raw byte map that never refuses a write for lack of room: a list of Chronicle files, the
 * layers, newest first. Writes go to the newest layer. When it fills up (see {@link
 * MapFile#needsGrowth}), the maintenance thread creates a bigger layer in front of it and then
 * drains the older layers into it, a batch at a time, while writes continue.
 *
 * <p>Why nothing is lost or resurrected while layers change:
 *
 * <ol>
 *   <li>Only the newest layer receives records. A write puts into the newest layer first and then
 *       removes the key from the older ones; a move during the drain does the same, under the key's
 *       lock. So at rest a key lives in at most one layer, and where it briefly lives in two (or
 *       lasting, after a crash between the two steps) the newer layer holds the newer value: the
 *       newest copy wins.
 *   <li>A reader looks from the oldest layer to the newest and keeps the newest copy found. A key
 *       leaves an older layer only after it reached the newest, so it cannot slip between the two
 *       looks.
 *   <li>The list of layers changes only under the write lock of {@code transitions}; point
 *       operations hold its read lock for microseconds and so see one stable list. Iterations hold
 *       the files themselves instead (reference counts), so they never delay a change.
 *   <li>The drain pauses while an iteration runs, so an iteration sees every key that is not
 *       written meanwhile exactly once: such a key stays in its layer.
 *   <li>A drained layer is removed only once empty. Files are never rewritten in place, so after a
 *       crash at any moment, the files on disk, newest copy first, are the map; opening them
 *       resumes the drain.
 * </ol>
 */
final class LayeredMap {

  private static final Logger log = LoggerFactory.getLogger(LayeredMap.class);
  private static final int DRAIN_BATCH = 512;
  private static final long ROOM_TIMEOUT_SECONDS = 120;

  /** Thrown to an operation on a map that was dropped or closed; the store looks again. */
  static final class Retired extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Retired() {
      super("map retired", null, false, false);
    }
  }

  private final LongFunction<MapFile> newLayer;
  private final KeyLocks locks;
  private final int space;
  private final Executor maintenance;
  private final StoreOptions options;
  private final ReentrantReadWriteLock transitions = new ReentrantReadWriteLock();
  /** Iterations hold the read side; the drain moves keys only under the write side, tried. */
  private final ReentrantReadWriteLock drainGate = new ReentrantReadWriteLock();
  private final AtomicBoolean maintenanceScheduled = new AtomicBoolean();

  /** Newest first; replaced (never mutated) under the write lock. Empty once retired. */
  private volatile List<MapFile> layers;

  /** Guarded by transitions. */
  private boolean retired;

  /** Completes when a layer newer than a full one exists; guarded by this. */
  private CompletableFuture<Void> room;

  /**
   * @param layers the existing files, newest first (at least one)
   * @param newLayer creates a new file sized for the given entries
   * @param space tells this map's keys apart from other maps' in the shared {@code locks}
   * @param maintenance runs growth and drains, one bounded step at a time
   * @param options sizes new layers
   */
  LayeredMap(
      List<MapFile> layers,
      LongFunction<MapFile> newLayer,
      KeyLocks locks,
      int space,
      Executor maintenance,
      StoreOptions options) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a layered map needs a layer");
    }
    this.layers = List.copyOf(layers);
    this.newLayer = newLayer;
    this.locks = locks;
    this.space = space;
    this.maintenance = maintenance;
    this.options = options;
  }

  /** The lock of a caller's key: held around its read-modify-write, and by the drain. */
  ReentrantLock lockOf(int userKeyHash) {
    return locks.of(space, userKeyHash);
  }

  /**
   * Point access to a stable list of layers, until closed.
   *
   * @throws Retired if the map was dropped or closed
   */
  Access access() {
    transitions.readLock().lock();
    if (retired) {
      transitions.readLock().unlock();
      throw new Retired();
    }
    return new Access(layers);
  }

  /** Reads and writes on one stable list of layers; writes need the key's lock. */
  final class Access implements AutoCloseable {

    private final List<MapFile> stable;

    private Access(List<MapFile> stable) {
      this.stable = stable;
    }

    /** The newest copy, looking from the oldest layer to the newest. */
    byte[] get(byte[] key) {
      byte[] found = null;
      for (int i = stable.size() - 1; i >= 0; i--) {
        byte[] value = stable.get(i).get(key);
        if (value != null) {
          found = value;
        }
      }
      return found;
    }

    /**
     * Puts into the newest layer, then removes older copies.
     *
     * @throws LayerFullException if the newest layer is full; nothing was written
     */
    void put(byte[] key, byte[] value) {
      MapFile newest = stable.get(0);
      newest.put(key, value);
      for (int i = 1; i < stable.size(); i++) {
        stable.get(i).remove(key);
      }
      if (newest.needsGrowth()) {
        scheduleMaintenance();
      }
    }

    void remove(byte[] key) {
      for (MapFile layer : stable) {
        layer.remove(key);
      }
    }

    @Override
    public void close() {
      transitions.readLock().unlock();
    }
  }

  /**
   * Waits until a layer newer than {@code full} exists, having the maintenance thread create it
   * if need be. Only for writers that hold no lock of this map. Usually returns at once: growth
   * starts when a layer is about half full, long before it runs out of tiers.
   */
  void makeRoom(MapFile full) {
    CompletableFuture<Void> wait;
    synchronized (this) {
      List<MapFile> current = layers;
      if (current.isEmpty() || current.get(0) != full) {
        return;
      }
      if (room == null) {
        room = new CompletableFuture<>();
      }
      wait = room;
    }
    scheduleMaintenance();
    try {
      wait.get(ROOM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Retired retiredMeanwhile) {
        throw retiredMeanwhile;
      }
      throw new StorageException("could not grow " + full, e.getCause());
    } catch (TimeoutException e) {
      throw new StorageException("timed out growing " + full, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while growing " + full, e);
    }
  }

  /**
   * Visits every entry of every layer, oldest layer first, skipping a key in a layer when a newer
   * one holds it, then the layers added meanwhile. A key not written during the iteration is seen
   * once; one written meanwhile may be seen before, after, or both.
   */
  void forEachEntry(BiConsumer<byte[], byte[]> visitor) {
    acrossLayers(
        (layer, newer) ->
            layer.forEachEntry(
                (key, value) -> {
                  if (!heldBy(newer, key)) {
                    visitor.accept(key, value);
                  }
                }));
  }

  /** Like {@link #forEachEntry}, without copying values, under Chronicle's segment locks. */
  void scan(MapFile.EntryScan scan) {
    acrossLayers(
        (layer, newer) ->
            layer.scan(
                (key, first, size) -> {
                  if (!heldBy(newer, key)) {
                    scan.entry(key, first, size);
                  }
                }));
  }

  private void acrossLayers(BiConsumer<MapFile, List<MapFile>> visit) {
    drainGate.readLock().lock();
    try {
      visitLayers(visit);
    } finally {
      drainGate.readLock().unlock();
      resumeMaintenance();
    }
  }

  private void visitLayers(BiConsumer<MapFile, List<MapFile>> visit) {
    Set<MapFile> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    boolean more = true;
    while (more) {
      more = false;
      List<MapFile> held = hold();
      try {
        for (int i = held.size() - 1; i >= 0; i--) {
          MapFile layer = held.get(i);
          if (visited.add(layer)) {
            more = true;
            visit.accept(layer, held.subList(0, i));
          }
        }
      } finally {
        held.forEach(MapFile::release);
      }
    }
  }

  private List<MapFile> hold() {
    transitions.readLock().lock();
    try {
      List<MapFile> current = layers;
      current.forEach(MapFile::retain);
      return current;
    } finally {
      transitions.readLock().unlock();
    }
  }

  private static boolean heldBy(List<MapFile> layers, byte[] key) {
    for (MapFile layer : layers) {
      if (layer.contains(key)) {
        return true;
      }
    }
    return false;
  }

  long fileBytes() {
    long bytes = 0;
    for (MapFile layer : layers) {
      bytes += layer.fileBytes();
    }
    return bytes;
  }

  /** The current files, newest first (for tests and operators). */
  List<MapFile> layers() {
    return layers;
  }

  /** Starts pending work, e.g. a drain interrupted by a crash. */
  void resumeMaintenance() {
    if (hasWork()) {
      scheduleMaintenance();
    }
  }

  /**
   * Stops the map: later accesses throw {@link Retired}, pending growth and drains stop. Each file
   * closes (and is deleted, if {@code drop}) once no iteration holds it.
   *
   * @return completes when every file is closed
   */
  CompletableFuture<Void> retire(boolean drop) {
    List<MapFile> files;
    transitions.writeLock().lock();
    try {
      if (retired) {
        return CompletableFuture.completedFuture(null);
      }
      retired = true;
      files = layers;
      layers = List.of();
    } finally {
      transitions.writeLock().unlock();
    }
    failWaiters(new Retired());
    for (MapFile file : files) {
      if (drop) {
        file.dropWhenClosed();
      }
      file.release();
    }
    return CompletableFuture.allOf(
        files.stream().map(MapFile::closed).toArray(CompletableFuture[]::new));
  }

  private void scheduleMaintenance() {
    if (!maintenanceScheduled.get() && maintenanceScheduled.compareAndSet(false, true)) {
      try {
        maintenance.execute(this::maintain);
      } catch (RejectedExecutionException e) {
        maintenanceScheduled.set(false);
        failWaiters(new StorageException("storage is shutting down", e));
      }
    }
  }

  /** One bounded step, then back in the queue: the one maintenance thread serves maps in turn. */
  private void maintain() {
    try {
      MapFile full = layerToGrow();
      if (full != null) {
        grow(full);
      } else if (drainGate.writeLock().tryLock()) {
        try {
          drainBatch();
        } finally {
          drainGate.writeLock().unlock();
        }
      }
    } catch (RuntimeException e) {
      log.error("storage maintenance of {} failed", layers, e);
      failWaiters(e);
      maintenanceScheduled.set(false);
      return; // the next write that finds the map full tries again
    }
    maintenanceScheduled.set(false);
    resumeMaintenance();
  }

  /** The newest layer if it must grow, else null. Files are only read under the read lock: open. */
  private MapFile layerToGrow() {
    transitions.readLock().lock();
    try {
      if (retired) {
        return null;
      }
      MapFile newest = layers.get(0);
      return newest.needsGrowth() || roomAwaited() ? newest : null;
    } finally {
      transitions.readLock().unlock();
    }
  }

  private boolean hasWork() {
    transitions.readLock().lock();
    try {
      // While iterations run the drain waits; the last one to finish resumes it.
      return !retired
          && ((layers.size() > 1 && drainGate.getReadLockCount() == 0)
              || layers.get(0).needsGrowth()
              || roomAwaited());
    } finally {
      transitions.readLock().unlock();
    }
  }

  private synchronized boolean roomAwaited() {
    return room != null;
  }

  /** Puts a bigger layer in front of {@code full}. Creating it can take a while: no lock held. */
  private void grow(MapFile full) {
    long entries = grownEntries(full);
    MapFile bigger = newLayer.apply(entries);
    transitions.writeLock().lock();
    try {
      if (retired) {
        bigger.dropWhenClosed();
        bigger.release();
        return;
      }
      List<MapFile> next = new ArrayList<>(layers.size() + 1);
      next.add(bigger);
      next.addAll(layers);
      layers = List.copyOf(next);
    } finally {
      transitions.writeLock().unlock();
    }
    log.debug("{} full, writing to {} (entries {})", full, bigger, entries);
    CompletableFuture<Void> waiting;
    synchronized (this) {
      waiting = room;
      room = null;
    }
    if (waiting != null) {
      waiting.complete(null);
    }
  }

  /**
   * Entries for a new layer: {@link StoreOptions#growthFactor} times what all layers hold (it all
   * ends up there), and at least that many times the full layer's entries.
   */
  private long grownEntries(MapFile full) {
    long content = 0;
    List<MapFile> held = hold();
    try {
      for (MapFile layer : held) {
        content += layer.contentBytes();
      }
    } finally {
      held.forEach(MapFile::release);
    }
    double averageEntry = options.averageKeySize() + options.averageValueSize() + 2.0;
    return (long) Math.ceil(
        options.growthFactor() * Math.max(full.entries(), content / averageEntry));
  }

  /** Moves a batch of keys of the oldest layer into the newest; retires the layer once empty. */
  private void drainBatch() {
    MapFile drained = null;
    MapFile full = null;
    transitions.readLock().lock();
    try {
      if (retired || layers.size() < 2) {
        return;
      }
      MapFile oldest = layers.get(layers.size() - 1);
      List<byte[]> keys = oldest.keys(DRAIN_BATCH);
      if (keys.isEmpty()) {
        drained = oldest;
      }
      for (byte[] key : keys) {
        move(key, oldest);
      }
    } catch (LayerFullException e) {
      full = e.layer();
    } finally {
      transitions.readLock().unlock();
    }
    if (drained != null) {
      removeDrained(drained);
    }
    if (full != null) {
      grow(full);
    }
  }

  /** Under the key's lock, so that no write of the same key interleaves. */
  private void move(byte[] key, MapFile from) {
    ReentrantLock lock = lockOf(RecordKeys.userKeyHash(key));
    lock.lock();
    try {
      byte[] value = from.get(key);
      if (value == null) {
        return;
      }
      List<MapFile> current = layers;
      List<MapFile> newer = current.subList(0, current.indexOf(from));
      if (!heldBy(newer, key)) {
        current.get(0).put(key, value);
      }
      from.remove(key);
    } finally {
      lock.unlock();
    }
  }

  private void removeDrained(MapFile drained) {
    transitions.writeLock().lock();
    try {
      List<MapFile> current = layers;
      if (retired || drained.size() > 0 || current.indexOf(drained) != current.size() - 1) {
        return;
      }
      layers = List.copyOf(current.subList(0, current.size() - 1));
    } finally {
      transitions.writeLock().unlock();
    }
    log.debug("{} drained", drained);
    drained.dropWhenClosed();
    drained.release();
  }

  private void failWaiters(RuntimeException cause) {
    CompletableFuture<Void> waiting;
    synchronized (this) {
      waiting = room;
      room = null;
    }
    if (waiting != null) {
      waiting.completeExceptionally(cause);
    }
  }
}
