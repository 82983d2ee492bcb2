package io.ringkv.metrics;

import io.micrometer.core.instrument.MultiGauge;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Gauges whose set of label values changes over time (a member appears, a hint target drains).
 * Each is a {@link MultiGauge} whose rows are computed from their source just before a scrape, so
 * a row that disappeared from the source disappears from the next scrape too.
 */
final class RefreshedGauges {

  private final List<Runnable> refreshers = new CopyOnWriteArrayList<>();

  void add(MultiGauge gauge, Supplier<? extends Iterable<MultiGauge.Row<?>>> rows) {
    refreshers.add(() -> gauge.register(rows.get(), true));
  }

  void refresh() {
    refreshers.forEach(Runnable::run);
  }
}
