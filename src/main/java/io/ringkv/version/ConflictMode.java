package io.ringkv.version;

/** How a bucket resolves concurrent writes. */
public enum ConflictMode {
  /** Keep every concurrent write as a sibling; the client merges (Dynamo's way). */
  SIBLINGS,
  /** Last write wins by timestamp (ties broken by dot): simpler, and loses concurrent updates. */
  LWW
}
