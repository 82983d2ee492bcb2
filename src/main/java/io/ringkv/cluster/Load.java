package io.ringkv.cluster;

/**
 * What a node stores, as gossip spreads it for operators ({@code ringkv admin status}).
 *
 * @param keys keys stored
 * @param bytes bytes of stored values
 */
public record Load(long keys, long bytes) {

  public static final Load NONE = new Load(0, 0);
}
