package io.ringkv.cli.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The last context the cluster returned for each key, so that the next put of the key carries it
 * the way a real client's read-modify-write does: the new value then replaces what that context
 * saw instead of joining it as one more sibling. Per driver, so confined to one event loop.
 *
 * @param <C> the context as the API carries it (a header string, or bytes)
 */
final class KeyContexts<C> {

  private final boolean enabled;
  private final Predicate<C> isEmpty;
  private final Map<String, C> byKey = new HashMap<>();

  /**
   * @param enabled false for blind writes: nothing is remembered, every put goes without one
   * @param isEmpty whether a context says nothing (the API's "no context")
   */
  KeyContexts(boolean enabled, Predicate<C> isEmpty) {
    this.enabled = enabled;
    this.isEmpty = isEmpty;
  }

  /** Remembers the context of an answer about {@code key}; an absent or empty one is ignored. */
  void remember(String key, C context) {
    if (enabled && context != null && !isEmpty.test(context)) {
      byKey.put(key, context);
    }
  }

  /** The context to send with a put of {@code key}, or null. */
  C forPut(String key) {
    return byKey.get(key);
  }
}
