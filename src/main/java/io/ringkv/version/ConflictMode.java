package io.ringkv.version;

/** A bucket's policy for concurrent writes (the bucket property {@code conflict}). */
public enum ConflictMode {
    /** Keep every concurrent write as a sibling and let the client resolve them (Dynamo's default). */
    SIBLINGS,
    /** Keep only the newest write by timestamp, ties broken by dot: deterministic on every replica. */
    LWW
}
