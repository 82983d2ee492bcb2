package io.ringkv.storage;

/**
 * A write found the newest layer of a {@link LayeredMap} out of segment tiers. Nothing was
 * written; the writer makes room ({@link LayeredMap#makeRoom}) and retries, so callers never see
 * it.
 */
final class LayerFullException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient MapFile layer;

  LayerFullException(MapFile layer, Throwable cause) {
    super("map " + layer + " is full", cause, false, false);
    this.layer = layer;
  }

  MapFile layer() {
    return layer;
  }
}
