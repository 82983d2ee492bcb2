package io.ringkv.antientropy;

import io.ringkv.version.SiblingSet;
import io.ringkv.version.SiblingSetCodec;

/**
 * What a tree needs of a stored sibling set: its version digest, and whether it is a tombstone.
 *
 * @param digest {@link SiblingSet#digest()}
 * @param tombstone {@link SiblingSet#isTombstone()}
 */
record StoredVersion(long digest, boolean tombstone) {

  /** The summary of a set, or null for the empty set: a key that stores nothing has no entry. */
  static StoredVersion of(SiblingSet siblings) {
    return siblings.isEmpty() ? null : new StoredVersion(siblings.digest(), siblings.isTombstone());
  }

  /** The summary of an encoded set as the store holds it, or null when it holds nothing. */
  static StoredVersion ofEncoded(byte[] stored) {
    return stored == null || stored.length == 0 ? null : of(SiblingSetCodec.decode(stored));
  }
}
