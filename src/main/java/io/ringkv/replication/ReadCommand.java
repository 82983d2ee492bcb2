package io.ringkv.replication;

/**
 * A client's read.
 *
 * @param bucket the bucket name (1–1024 bytes of UTF-8)
 * @param key the key bytes (1–1024 bytes)
 * @param r how many replicas must answer; 0 means the bucket's default
 */
public record ReadCommand(String bucket, byte[] key, int r) {}
