package io.ringkv.metrics;

import java.util.Set;

/**
 * A label that can only take values from a fixed vocabulary: anything else is recorded as {@value
 * #OTHER}. Each distinct label value is a time series kept forever by Prometheus, so a caller that
 * passed, by mistake, a key or a bucket name must not be able to create one series per key.
 */
final class BoundedLabel {

  static final String OTHER = "other";

  private final String name;
  private final Set<String> values;

  BoundedLabel(String name, String... values) {
    this.name = name;
    this.values = Set.of(values);
  }

  String name() {
    return name;
  }

  /** {@code value} when it belongs to the vocabulary, else {@value #OTHER}. */
  String valueOf(String value) {
    return value != null && values.contains(value) ? value : OTHER;
  }
}
