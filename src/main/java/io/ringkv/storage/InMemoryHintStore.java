package io.ringkv.storage;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/** A {@link HintStore} in heap memory, for tests and in-JVM clusters. Nothing survives close. */
public final class InMemoryHintStore implements HintStore {

  private record Hint(String target, int partition, ByteKey key) {}

  private final ConcurrentMap<Hint, byte[]> hints = new ConcurrentHashMap<>();

  @Override
  public byte[] merge(String target, int partition, byte[] key, UnaryOperator<byte[]> change) {
    byte[] stored =
        hints.compute(
            new Hint(target, partition, ByteKey.copyOf(key)),
            (hint, current) -> {
              byte[] given = current == null ? null : current.clone();
              byte[] next = change.apply(given);
              return next == given ? current : next == null ? null : next.clone();
            });
    return stored == null ? null : stored.clone();
  }

  @Override
  public void forEachFor(String target, HintVisitor visitor) {
    hints.forEach(
        (hint, value) -> {
          if (hint.target().equals(target)) {
            visitor.visit(hint.partition(), hint.key().bytes().clone(), value.clone());
          }
        });
  }

  @Override
  public boolean removeIfUnchanged(
      String target, int partition, byte[] key, byte[] deliveredValue) {
    boolean[] removed = {false};
    hints.computeIfPresent(
        new Hint(target, partition, new ByteKey(key)),
        (hint, current) -> {
          removed[0] = Arrays.equals(current, deliveredValue);
          return removed[0] ? null : current;
        });
    return removed[0];
  }

  @Override
  public Map<String, Long> pendingByTarget() {
    Map<String, Long> pending = new TreeMap<>();
    hints.keySet().forEach(hint -> pending.merge(hint.target(), 1L, Long::sum));
    return pending;
  }

  @Override
  public long pending() {
    return hints.size();
  }

  @Override
  public void close() {
    hints.clear();
  }
}
