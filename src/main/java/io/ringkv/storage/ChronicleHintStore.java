package io.ringkv.storage;

import io.ringkv.storage.ChunkedMap.Change;
import io.ringkv.storage.MapDirectory.MapFileName;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The persisted {@link HintStore}: one Chronicle map under {@code <dataDir>/hints}, apart from the
 * partition maps, with the same growth, large-value and recovery behaviour as {@link
 * ChronicleStore}. Counts per target are kept in memory, rebuilt when the store opens.
 */
public final class ChronicleHintStore implements HintStore {

  private static final String NAME = "hints";

  private final MapDirectory directory;
  private final ChunkedMap hints;
  private final ConcurrentMap<String, AtomicLong> pending = new ConcurrentHashMap<>();

  private ChronicleHintStore(MapDirectory directory, ChunkedMap hints) {
    this.directory = directory;
    this.hints = hints;
    hints.forEachKey(raw -> counter(HintKey.targetOf(raw)).incrementAndGet());
  }

  /** Opens (or creates) the hint store under {@code dataDir}, recovering after an unclean stop. */
  public static ChronicleHintStore open(Path dataDir, StoreOptions options) {
    MapDirectory directory = MapDirectory.open(dataDir.resolve(NAME), options, 0);
    try {
      List<MapFileName> files = directory.existingMaps().get(NAME);
      ChunkedMap hints =
          files == null ? directory.createMap(NAME, 0) : directory.openMap(NAME, 0, files);
      return new ChronicleHintStore(directory, hints);
    } catch (RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /** True if this store was opened after an unclean stop and its map was recovered. */
  public boolean recovered() {
    return directory.recovering();
  }

  @Override
  public byte[] merge(String target, int partition, byte[] key, UnaryOperator<byte[]> change) {
    Change done = update(target, partition, key, change);
    return done.after();
  }

  @Override
  public void forEachFor(String target, HintVisitor visitor) {
    try {
      hints.forEach(
          raw -> HintKey.targetOf(raw).equals(target),
          (raw, value) -> {
            HintKey hint = HintKey.decode(raw);
            visitor.visit(hint.partition(), hint.key(), value);
          });
    } catch (LayeredMap.Retired e) {
      throw new StorageException("hint store is closed");
    }
  }

  @Override
  public boolean removeIfUnchanged(
      String target, int partition, byte[] key, byte[] deliveredValue) {
    Change done =
        update(
            target,
            partition,
            key,
            current -> Arrays.equals(current, deliveredValue) ? null : current);
    return done.before() != null && done.after() == null;
  }

  @Override
  public Map<String, Long> pendingByTarget() {
    Map<String, Long> byTarget = new TreeMap<>();
    pending.forEach(
        (target, count) -> {
          if (count.get() > 0) {
            byTarget.put(target, count.get());
          }
        });
    return byTarget;
  }

  @Override
  public long pending() {
    return hints.keys();
  }

  /** Sizes of the hint map. */
  public StoreStats stats() {
    return new StoreStats(hints.keys(), hints.valueBytes(), hints.fileBytes(), 1);
  }

  @Override
  public void close() {
    directory.close(List.of(hints), true);
  }

  private Change update(String target, int partition, byte[] key, UnaryOperator<byte[]> change) {
    Change done;
    try {
      done = hints.update(new HintKey(target, partition, key).encode(), change);
    } catch (LayeredMap.Retired e) {
      throw new StorageException("hint store is closed");
    }
    if ((done.before() == null) != (done.after() == null)) {
      counter(target).addAndGet(done.after() == null ? -1 : 1);
    }
    return done;
  }

  private AtomicLong counter(String target) {
    return pending.computeIfAbsent(target, t -> new AtomicLong());
  }
}
