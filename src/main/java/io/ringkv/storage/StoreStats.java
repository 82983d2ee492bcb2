package io.ringkv.storage;

/**
 * Sizes of a store at one moment.
 *
 * @param keys keys stored (chunks of large values are not keys)
 * @param valueBytes total length of the stored values, as callers see them
 * @param fileBytes bytes of the files behind the store (Chronicle files are fully allocated, so
 *     this is also their disk usage); 0 in memory
 * @param partitions partitions that have an open map
 */
public record StoreStats(long keys, long valueBytes, long fileBytes, int partitions) {}
