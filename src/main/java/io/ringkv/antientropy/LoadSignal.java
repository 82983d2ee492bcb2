package io.ringkv.antientropy;

/**
 * Whether client traffic is suffering right now (say, its recent p99 latency is over a bound), so
 * that background work backs off. A port: the metrics side implements it; {@link #NEVER_BUSY} never
 * backs off.
 */
@FunctionalInterface
public interface LoadSignal {

  LoadSignal NEVER_BUSY = () -> false;

  /** True while background work should wait. Called often, from event loops: must be cheap. */
  boolean busy();
}
