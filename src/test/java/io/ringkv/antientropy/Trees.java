package io.ringkv.antientropy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Test helpers over trees. */
final class Trees {

  private Trees() {}

  static byte[] key(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A tree holding exactly these (key, version digest) entries. */
  static MerkleTree of(int depth, Map<String, Long> entries) {
    MerkleTree tree = new MerkleTree(depth);
    entries.forEach((key, digest) -> add(tree, key, digest));
    return tree;
  }

  static void add(MerkleTree tree, String key, long digest) {
    long position = EntryHashing.position(key(key));
    tree.toggle(position, EntryHashing.entry(position, digest));
  }

  /** Every node's hash, level by level, for comparing whole trees. */
  static long[] allHashes(MerkleTree tree) {
    return levels(tree::hash, tree.depth());
  }

  static long[] allHashes(PartitionTree tree) {
    return levels((level, index) -> tree.hashes(level, new int[] {index})[0], tree.depth());
  }

  interface NodeHash {
    long hash(int level, int index);
  }

  private static long[] levels(NodeHash hashes, int depth) {
    long[] all = new long[(2 << depth) - 1];
    int slot = 0;
    for (int level = 0; level <= depth; level++) {
      for (int index = 0; index < 1 << level; index++) {
        all[slot++] = hashes.hash(level, index);
      }
    }
    return all;
  }

  /** Runs a whole descent between two local trees. */
  static Descent descend(MerkleTree ours, MerkleTree theirs) {
    Descent descent = new Descent(Math.min(ours.depth(), theirs.depth()));
    while (!descent.done()) {
      int level = descent.level();
      int[] frontier = descent.frontier();
      descent.compare(hashes(ours, level, frontier), hashes(theirs, level, frontier));
    }
    return descent;
  }

  private static long[] hashes(MerkleTree tree, int level, int[] indices) {
    long[] hashes = new long[indices.length];
    for (int i = 0; i < indices.length; i++) {
      hashes[i] = tree.hash(level, indices[i]);
    }
    return hashes;
  }
}
