package io.ringkv.cluster;

/**
 * One replica role changing hands in an ownership change: {@code target} becomes a replica of the
 * partition and pulls it from {@code source}, the replica it replaces (or, when nobody is replaced,
 * a current replica).
 *
 * @param partition the partition
 * @param source the current replica the data comes from
 * @param target the node gaining the role
 */
public record PartitionMove(int partition, String source, String target) {}
