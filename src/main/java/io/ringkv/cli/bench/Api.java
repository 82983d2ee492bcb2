package io.ringkv.cli.bench;

/** Which client API of the cluster the load goes through (DESIGN.md Part B). */
public enum Api {
  /** HTTP/1.1 with keep-alive: {@code GET|PUT /buckets/{b}/keys/{k}}. */
  HTTP,
  /** gRPC over HTTP/2: service {@code ringkv.v1.KeyValue}. */
  GRPC
}
