package io.ringkv.cli.bench;

/** Picks the key index of the next request. Not thread-safe: one per lane. */
public interface KeyChooser {

  /** The next key index, in {@code [0, keys)}. */
  int next();
}
