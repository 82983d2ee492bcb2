package io.ringkv.cli.bench;

/** How requests are paced. */
public enum LoadMode {
  /**
   * Requests start at fixed intended times, whatever the target does; latency is measured from the
   * intended start, so a slow target cannot hide its stalls (no coordinated omission).
   */
  OPEN,
  /** A fixed number of workers, each issuing its next request when its previous one completes. */
  CLOSED
}
