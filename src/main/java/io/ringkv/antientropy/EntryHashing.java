package io.ringkv.antientropy;

/**
 * The two 64-bit hashes a Merkle tree is made of. A key's <em>position</em> (FNV-1a over its
 * storage-key bytes, finished with MurmurHash3's fmix64) places it under a leaf: at level L it sits
 * under node {@code position >>> (64 - L)}, so a key's leaf is found without looking at the tree,
 * and trees of different depths agree on every level they share. Its <em>entry hash</em> mixes the
 * position with the digest of the stored version, so a leaf's hash — the XOR of its entries —
 * changes when any of its keys gains, loses or changes a version.
 *
 * <p>Replicas compare these across builds: the functions are part of the wire format, and
 * {@code EntryHashingTest} pins them.
 */
final class EntryHashing {

  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private EntryHashing() {}

  /** Where a storage key sits in every tree: its leaf is read from the top bits. */
  static long position(byte[] storageKey) {
    long hash = FNV_OFFSET_BASIS;
    for (byte b : storageKey) {
      hash = (hash ^ (b & 0xff)) * FNV_PRIME;
    }
    return fmix64(hash);
  }

  /** The hash a key contributes to its leaf while it stores the version {@code versionDigest}. */
  static long entry(long position, long versionDigest) {
    return fmix64(position ^ fmix64(versionDigest + GOLDEN_GAMMA));
  }

  /** The index, within {@code level}, of the node above a key at {@code position}. */
  static int indexAt(long position, int level) {
    return level == 0 ? 0 : (int) (position >>> (64 - level));
  }

  private static long fmix64(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }
}
