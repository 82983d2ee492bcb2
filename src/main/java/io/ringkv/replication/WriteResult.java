package io.ringkv.replication;

import java.util.List;

/**
 * The answer to an acknowledged write.
 *
 * @param context the causal context of the stored object after the write
 * @param siblings the live siblings stored after the write when the command asked for the body,
 *     otherwise empty
 */
public record WriteResult(byte[] context, List<StoredValue> siblings) {}
