package io.ringkv.storage;

import io.ringkv.storage.ValueRecord.Inline;
import io.ringkv.storage.ValueRecord.Manifest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A persisted map of keys to values of any length, on a {@link LayeredMap}. Chronicle refuses an
 * entry larger than one segment tier (a few hundred KiB in a small map), so a value longer than
 * the chunk size is stored as chunks under keys of a fresh random generation, then the manifest
 * naming them under the key's record, then the previous value's chunks are removed. A reader or a
 * crash therefore sees the old value or the new one, never a torn one; the chunks a crash leaves
 * unreferenced are swept when the map is opened. Iteration and counts show only the caller's keys.
 */
final class ChunkedMap {

  /** A completed update: the value before (null: absent) and the value now stored. */
  record Change(byte[] before, byte[] after) {}

  private final LayeredMap layers;
  private final int chunkSize;
  private final AtomicLong keys = new AtomicLong();
  private final AtomicLong valueBytes = new AtomicLong();

  private ChunkedMap(LayeredMap layers, int chunkSize) {
    this.layers = layers;
    this.chunkSize = chunkSize;
  }

  /** Opens the map: counts its keys, sweeps orphaned chunks, then resumes any pending drain. */
  static ChunkedMap open(LayeredMap layers, int chunkSize) {
    ChunkedMap map = new ChunkedMap(layers, chunkSize);
    map.recount();
    layers.resumeMaintenance();
    return map;
  }

  byte[] get(byte[] key) {
    byte[] recordKey = RecordKeys.record(key);
    try (LayeredMap.Access access = layers.access()) {
      byte[] raw = access.get(recordKey);
      if (raw == null) {
        return null;
      }
      if (ValueRecord.decode(raw) instanceof Inline inline) {
        return inline.value();
      }
      // Chunks are replaced under the key's lock: read them under it too.
      ReentrantLock lock = lockOf(key);
      lock.lock();
      try {
        return valueOf(access, key, current(access, recordKey));
      } finally {
        lock.unlock();
      }
    }
  }

  /** The atomic read-modify-write of {@link PartitionedStore#update}. */
  Change update(byte[] key, UnaryOperator<byte[]> change) {
    byte[] recordKey = RecordKeys.record(key);
    ReentrantLock lock = lockOf(key);
    while (true) {
      MapFile full;
      try (LayeredMap.Access access = layers.access()) {
        lock.lock();
        try {
          ValueRecord before = current(access, recordKey);
          byte[] current = valueOf(access, key, before);
          byte[] next = change.apply(current);
          if (next != current) {
            write(access, key, recordKey, before, next);
            count(current, next);
          }
          return new Change(current, next);
        } finally {
          lock.unlock();
        }
      } catch (LayerFullException e) {
        full = e.layer();
      }
      // Locks released: the map grows, then the change is applied afresh.
      layers.makeRoom(full);
    }
  }

  /** Visits every key with its value; see {@link PartitionedStore#forEach}. */
  void forEach(BiConsumer<byte[], byte[]> visitor) {
    forEach(key -> true, visitor);
  }

  /** Visits the keys {@code wanted} accepts, with their values; others' values are not read. */
  void forEach(Predicate<byte[]> wanted, BiConsumer<byte[], byte[]> visitor) {
    layers.forEachEntry(
        (raw, rawValue) -> {
          if (!RecordKeys.isRecord(raw)) {
            return;
          }
          byte[] key = RecordKeys.userKey(raw);
          if (!wanted.test(key)) {
            return;
          }
          byte[] value =
              ValueRecord.decode(rawValue) instanceof Inline inline ? inline.value() : get(key);
          if (value != null) {
            visitor.accept(key, value);
          }
        });
  }

  /** Visits every key, without reading values. */
  void forEachKey(Consumer<byte[]> visitor) {
    layers.scan(
        (raw, first, size) -> {
          if (RecordKeys.isRecord(raw)) {
            visitor.accept(RecordKeys.userKey(raw));
          }
        });
  }

  long keys() {
    return keys.get();
  }

  long valueBytes() {
    return valueBytes.get();
  }

  long fileBytes() {
    return layers.fileBytes();
  }

  LayeredMap layers() {
    return layers;
  }

  /** Closes the files once no iteration holds them. */
  CompletableFuture<Void> close() {
    return layers.retire(false);
  }

  /** Deletes the files once no iteration holds them. */
  CompletableFuture<Void> destroy() {
    return layers.retire(true);
  }

  private ReentrantLock lockOf(byte[] key) {
    return layers.lockOf(Arrays.hashCode(key));
  }

  private static ValueRecord current(LayeredMap.Access access, byte[] recordKey) {
    byte[] raw = access.get(recordKey);
    return raw == null ? null : ValueRecord.decode(raw);
  }

  private byte[] valueOf(LayeredMap.Access access, byte[] key, ValueRecord record) {
    if (record == null) {
      return null;
    }
    if (record instanceof Inline inline) {
      return inline.value();
    }
    Manifest manifest = (Manifest) record;
    byte[] value = new byte[manifest.length()];
    for (int i = 0; i < manifest.chunks(); i++) {
      byte[] chunk = access.get(RecordKeys.chunk(key, manifest.generation(), i));
      int offset = i * manifest.chunkSize();
      if (chunk == null || offset + chunk.length > value.length) {
        throw new StorageException(
            "chunk " + i + " of a " + manifest.length() + "-byte value is missing or too long");
      }
      System.arraycopy(chunk, 0, value, offset, chunk.length);
    }
    return value;
  }

  private void write(
      LayeredMap.Access access, byte[] key, byte[] recordKey, ValueRecord before, byte[] next) {
    if (next == null) {
      access.remove(recordKey);
    } else if (next.length <= chunkSize) {
      access.put(recordKey, new Inline(next).encode());
    } else {
      writeChunked(access, key, recordKey, before, next);
    }
    if (before instanceof Manifest replaced) {
      removeChunks(access, key, replaced, replaced.chunks());
    }
  }

  /** Chunks first, the manifest last: the manifest's write is the commit. */
  private void writeChunked(
      LayeredMap.Access access, byte[] key, byte[] recordKey, ValueRecord before, byte[] value) {
    long generation = ThreadLocalRandom.current().nextLong();
    if (before instanceof Manifest replaced && replaced.generation() == generation) {
      generation++;
    }
    Manifest manifest = new Manifest(generation, value.length, chunkSize);
    int written = 0;
    try {
      for (; written < manifest.chunks(); written++) {
        int from = written * chunkSize;
        access.put(
            RecordKeys.chunk(key, generation, written),
            Arrays.copyOfRange(value, from, Math.min(value.length, from + chunkSize)));
      }
      access.put(recordKey, manifest.encode());
    } catch (LayerFullException e) {
      removeChunks(access, key, manifest, written);
      throw e;
    }
  }

  private static void removeChunks(
      LayeredMap.Access access, byte[] key, Manifest manifest, int count) {
    for (int i = 0; i < count; i++) {
      access.remove(RecordKeys.chunk(key, manifest.generation(), i));
    }
  }

  private void count(byte[] before, byte[] after) {
    keys.addAndGet((after == null ? 0 : 1) - (before == null ? 0 : 1));
    valueBytes.addAndGet((after == null ? 0 : after.length) - (before == null ? 0 : before.length));
  }

  /**
   * Counts keys and bytes, and removes the chunks no manifest names: those of a write that a crash
   * interrupted before its manifest, or of a value replaced just before a crash.
   */
  private void recount() {
    List<byte[]> manifests = new ArrayList<>();
    List<byte[]> chunks = new ArrayList<>();
    layers.scan(
        (raw, first, size) -> {
          if (!RecordKeys.isRecord(raw)) {
            chunks.add(raw);
            return;
          }
          keys.incrementAndGet();
          if (first == ValueRecord.INLINE) {
            valueBytes.addAndGet(size - 1);
          } else {
            manifests.add(raw);
          }
        });
    try (LayeredMap.Access access = layers.access()) {
      for (byte[] recordKey : manifests) {
        valueBytes.addAndGet(current(access, recordKey).length());
      }
      for (byte[] chunkKey : chunks) {
        ValueRecord owner = current(access, RecordKeys.record(RecordKeys.userKey(chunkKey)));
        if (!(owner instanceof Manifest manifest && manifest.names(chunkKey))) {
          access.remove(chunkKey);
        }
      }
    }
  }
}
