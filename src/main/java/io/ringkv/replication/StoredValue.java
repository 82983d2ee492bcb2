package io.ringkv.replication;

/**
 * One sibling as a client sees it.
 *
 * @param value the value bytes (empty for a tombstone)
 * @param contentType the content type stored with it, never null (defaults to application/octet-stream)
 * @param deleted true for a tombstone
 */
public record StoredValue(byte[] value, String contentType, boolean deleted) {}
