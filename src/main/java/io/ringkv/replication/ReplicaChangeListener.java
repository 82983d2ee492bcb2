package io.ringkv.replication;

import io.ringkv.version.SiblingSet;

/**
 * Told of every change {@link LocalReplica} stores, so that a summary of the store (the Merkle
 * trees of anti-entropy) can follow it write by write instead of rescanning. Changes to one key are
 * reported one at a time, in the order they were stored, before the write returns; changes to
 * different keys may be reported concurrently from several threads.
 */
@FunctionalInterface
public interface ReplicaChangeListener {

  ReplicaChangeListener NONE = (partition, storageKey, before, after) -> {};

  /**
   * A key's stored version changed.
   *
   * @param storageKey the key in the partition store ({@link ObjectRef#storageKey()})
   * @param before what was stored; empty when nothing was
   * @param after what is stored now; empty when the key was removed
   */
  void changed(int partition, byte[] storageKey, SiblingSet before, SiblingSet after);
}
