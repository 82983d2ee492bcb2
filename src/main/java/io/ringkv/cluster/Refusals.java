package io.ringkv.cluster;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The peers that refused this node, or that it refused (another cluster, another partition count),
 * with the reason: shown to operators for a minute after the last refusal, logged once per reason.
 */
final class Refusals {

  private static final long SHOWN_MILLIS = 60_000;

  private record Refusal(String reason, long atMillis) {}

  private final Map<String, Refusal> byAddress = new ConcurrentHashMap<>();

  /** Records a refusal; true if it is news (not the reason already recorded for the address). */
  boolean record(String address, String reason) {
    Refusal previous = byAddress.put(address, new Refusal(reason, System.currentTimeMillis()));
    return previous == null || !previous.reason().equals(reason);
  }

  void remove(String address) {
    byAddress.remove(address);
  }

  boolean has(String address) {
    return byAddress.containsKey(address);
  }

  /** The refusals of the last minute, by address. */
  Map<String, String> recent() {
    long now = System.currentTimeMillis();
    Map<String, String> recent = new TreeMap<>();
    byAddress.forEach((address, refusal) -> {
      if (now - refusal.atMillis() <= SHOWN_MILLIS) {
        recent.put(address, refusal.reason());
      }
    });
    return recent;
  }
}
