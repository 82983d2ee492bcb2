package io.ringkv.storage;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** A {@link PartitionedStore} in heap memory, for tests and in-JVM clusters. Nothing survives close. */
public final class InMemoryPartitionedStore implements PartitionedStore {

  private final ConcurrentMap<Integer, ConcurrentMap<ByteKey, byte[]>> partitions =
      new ConcurrentHashMap<>();

  @Override
  public byte[] get(int partition, byte[] key) {
    ConcurrentMap<ByteKey, byte[]> map = partitions.get(partition);
    byte[] value = map == null ? null : map.get(new ByteKey(key));
    return value == null ? null : value.clone();
  }

  @Override
  public byte[] update(int partition, byte[] key, UnaryOperator<byte[]> change) {
    ConcurrentMap<ByteKey, byte[]> map =
        partitions.computeIfAbsent(partition, p -> new ConcurrentHashMap<>());
    // compute runs the function under the key's bin lock: the atomic read-modify-write.
    byte[] stored =
        map.compute(
            ByteKey.copyOf(key),
            (k, current) -> {
              byte[] given = current == null ? null : current.clone();
              byte[] next = change.apply(given);
              return next == given ? current : next == null ? null : next.clone();
            });
    return stored == null ? null : stored.clone();
  }

  @Override
  public void forEach(int partition, BiConsumer<byte[], byte[]> visitor) {
    ConcurrentMap<ByteKey, byte[]> map = partitions.get(partition);
    if (map != null) {
      map.forEach((key, value) -> visitor.accept(key.bytes().clone(), value.clone()));
    }
  }

  @Override
  public void dropPartition(int partition) {
    partitions.remove(partition);
  }

  @Override
  public Set<Integer> partitions() {
    return partitions.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .map(e -> e.getKey())
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public StoreStats stats() {
    long keys = 0;
    long valueBytes = 0;
    for (ConcurrentMap<ByteKey, byte[]> map : partitions.values()) {
      for (byte[] value : map.values()) {
        keys++;
        valueBytes += value.length;
      }
    }
    return new StoreStats(keys, valueBytes, 0, partitions.size());
  }

  @Override
  public void close() {
    partitions.clear();
  }
}
