package io.ringkv.metrics;

import io.ringkv.antientropy.AntiEntropyListener;
import io.ringkv.antientropy.ExchangeResult;
import java.util.concurrent.atomic.LongAdder;

/**
 * Adds up what anti-entropy reports, for {@link NodeMetrics#registerAntiEntropy}: exchanges,
 * keys repaired and bytes moved. Called from event loops, so it only adds.
 */
public final class AntiEntropyCounters implements AntiEntropyListener {

  private final LongAdder exchanges = new LongAdder();
  private final LongAdder keysRepaired = new LongAdder();
  private final LongAdder bytes = new LongAdder();

  @Override
  public void exchanged(ExchangeResult result) {
    exchanges.increment();
    keysRepaired.add(result.keysRepaired());
    bytes.add(result.bytes());
  }

  /** Registers the three counters with a node's metrics. */
  public void registerWith(NodeMetrics metrics) {
    metrics.registerAntiEntropy(exchanges::sum, keysRepaired::sum, bytes::sum);
  }
}
