package io.ringkv.replication;

import java.util.List;

/**
 * The merged answer of a read.
 *
 * @param found false when no replica holds a live value (absent, or only tombstones)
 * @param siblings the live siblings (one unless writes were concurrent); empty when not found
 * @param context the opaque causal context to send back with the next write; for a deleted key
 *     it is the tombstone's context, for an absent key it is empty
 */
public record ReadResult(boolean found, List<StoredValue> siblings, byte[] context) {}
