package io.ringkv.handoff;

/**
 * What ownership transfer has moved through this node since it started.
 *
 * @param partitionsReceived partitions received in full
 * @param keysReceived entries merged from pulled pages
 * @param bytesReceived bytes of those entries (storage keys plus encoded sibling sets)
 * @param pagesServed pages this node served to others
 * @param bytesSent bytes of the entries in those pages
 */
public record TransferStats(
    long partitionsReceived, long keysReceived, long bytesReceived, long pagesServed, long bytesSent) {}
