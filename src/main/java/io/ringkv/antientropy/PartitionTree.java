package io.ringkv.antientropy;

import io.ringkv.version.SiblingSet;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * One partition's {@link MerkleTree} as a node keeps it: built once from the store at start-up,
 * then kept current by every change {@link io.ringkv.replication.LocalReplica} stores. Also counts
 * the partition's keys and tombstones (a partition without tombstones is never swept). Thread-safe.
 *
 * <p>The build races with writes, and a store scan is only weakly consistent, so a build is two
 * steps. {@link #beginBuild} starts remembering the latest version of every key that changes; the
 * caller then scans the store; {@link #finishBuild} takes the scan, replaces what it saw of the
 * remembered keys by their latest versions, and from then on applies changes to the tree. A key
 * not changed during the scan is scanned with its current version; one changed during it is
 * remembered. Changes to one key arrive in store order, so the last one remembered is current.
 */
final class PartitionTree {

  private enum State { UNBUILT, BUILDING, READY }

  private final int depth;
  private State state = State.UNBUILT;
  private Contents contents;
  private Map<ByteBuffer, StoredVersion> changedWhileBuilding;

  PartitionTree(int depth) {
    this.depth = depth;
    this.contents = new Contents(depth);
  }

  int depth() {
    return depth;
  }

  synchronized boolean ready() {
    return state == State.READY;
  }

  synchronized long keys() {
    return contents.keys;
  }

  synchronized long tombstones() {
    return contents.tombstones;
  }

  /** The hashes of the given nodes of one level, or null while the tree is not built. */
  synchronized long[] hashes(int level, int[] indices) {
    if (state != State.READY) {
      return null;
    }
    long[] hashes = new long[indices.length];
    for (int i = 0; i < indices.length; i++) {
      hashes[i] = contents.tree.hash(level, indices[i]);
    }
    return hashes;
  }

  /** A stored change of one key (see {@link io.ringkv.replication.ReplicaChangeListener}). */
  synchronized void changed(byte[] storageKey, SiblingSet before, SiblingSet after) {
    switch (state) {
      case UNBUILT -> {
        // The build's scan, which starts later, will see the key as stored now.
      }
      case BUILDING -> changedWhileBuilding.put(ByteBuffer.wrap(storageKey.clone()), StoredVersion.of(after));
      case READY -> contents.replace(storageKey, StoredVersion.of(before), StoredVersion.of(after));
    }
  }

  /** Starts a (re)build: call before scanning the store. */
  synchronized void beginBuild() {
    state = State.BUILDING;
    changedWhileBuilding = new HashMap<>();
  }

  /**
   * Ends a build with what a scan of the store, started after {@link #beginBuild}, found.
   *
   * @param scanned every key the scan visited, with the version it saw
   */
  void finishBuild(Map<ByteBuffer, StoredVersion> scanned) {
    Contents built = new Contents(depth);
    scanned.forEach((key, version) -> built.replace(key.array(), null, version));
    synchronized (this) {
      changedWhileBuilding.forEach((key, latest) -> built.replace(key.array(), scanned.get(key), latest));
      contents = built;
      changedWhileBuilding = null;
      state = State.READY;
    }
  }

  /** A tree with the counts of what it holds. */
  private static final class Contents {
    final MerkleTree tree;
    long keys;
    long tombstones;

    Contents(int depth) {
      tree = new MerkleTree(depth);
    }

    /** Swaps a key's entry for {@code before} (null: none) for one for {@code after} (null: none). */
    void replace(byte[] storageKey, StoredVersion before, StoredVersion after) {
      long position = EntryHashing.position(storageKey);
      toggle(position, before, -1);
      toggle(position, after, +1);
    }

    private void toggle(long position, StoredVersion version, int sign) {
      if (version != null) {
        tree.toggle(position, EntryHashing.entry(position, version.digest()));
        keys += sign;
        tombstones += version.tombstone() ? sign : 0;
      }
    }
  }
}
