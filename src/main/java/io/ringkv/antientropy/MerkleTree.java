package io.ringkv.antientropy;

/**
 * A binary hash tree over one partition's (key, version) entries. Each node's hash is the XOR of
 * the entry hashes of the keys below it ({@link EntryHashing}); XOR is commutative, associative and
 * its own inverse, so a write updates one leaf-to-root path in place — XOR the old entry out, the
 * new one in — and the tree never depends on the order in which entries arrived.
 *
 * <p>Level 0 is the root; level {@code depth} holds {@code 2^depth} leaves. With the Dynamo arithmetic
 * of 16M keys and depth 16, a leaf holds ~244 keys, and one differing key is found with about
 * {@code 2 × depth} hash comparisons. Nodes are kept in one array in heap order, allocated on the
 * first entry so that empty partitions cost nothing.
 *
 * <p>Not thread-safe: {@link PartitionTree} guards it.
 */
public final class MerkleTree {

  /** The deepest tree allowed: 2^21 longs, 16 MiB per partition. */
  public static final int MAX_DEPTH = 20;

  private final int depth;
  private long[] nodes;

  public MerkleTree(int depth) {
    if (depth < 1 || depth > MAX_DEPTH) {
      throw new IllegalArgumentException("tree depth must be between 1 and " + MAX_DEPTH + ", got " + depth);
    }
    this.depth = depth;
  }

  public int depth() {
    return depth;
  }

  /**
   * XORs an entry into the path of its key: adds the entry if it is absent, removes it if present.
   *
   * @param position the key's {@link EntryHashing#position}
   * @param entryHash the key's {@link EntryHashing#entry} for one version
   */
  public void toggle(long position, long entryHash) {
    if (nodes == null) {
      nodes = new long[(2 << depth) - 1];
    }
    for (int level = depth; level >= 0; level--) {
      nodes[slot(level, EntryHashing.indexAt(position, level))] ^= entryHash;
    }
  }

  /** The hash of node {@code index} of {@code level}; 0 when nothing is below it. */
  public long hash(int level, int index) {
    if (level < 0 || level > depth || index < 0 || index >= 1 << level) {
      throw new IllegalArgumentException("no node " + index + " at level " + level + " of a depth-" + depth + " tree");
    }
    return nodes == null ? 0 : nodes[slot(level, index)];
  }

  public long root() {
    return hash(0, 0);
  }

  private static int slot(int level, int index) {
    return (1 << level) - 1 + index;
  }
}
