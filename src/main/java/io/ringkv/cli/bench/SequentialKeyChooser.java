package io.ringkv.cli.bench;

/**
 * Walks the keys in order, {@code first, first + stride, ...}, wrapping around. Lane {@code j} of
 * {@code L} uses {@code first = j, stride = L}, so the lanes together visit every key exactly once
 * per pass — which is what prefill needs.
 */
public final class SequentialKeyChooser implements KeyChooser {

  private final int keys;
  private final int stride;
  private long nextKey;

  public SequentialKeyChooser(int keys, int first, int stride) {
    if (keys < 1 || stride < 1 || first < 0) {
      throw new IllegalArgumentException("need keys >= 1, stride >= 1, first >= 0");
    }
    this.keys = keys;
    this.stride = stride;
    this.nextKey = first;
  }

  @Override
  public int next() {
    int key = (int) (nextKey % keys);
    nextKey += stride;
    return key;
  }
}
