/**
 * Versioning for ringkv: dotted version vectors, one dot per sibling (DESIGN.md, "Versioning").
 *
 * <p><b>Model.</b> Every write is named by a {@link io.ringkv.version.Dot} (coordinator, counter)
 * and carries the {@link io.ringkv.version.VersionVector} its client had read (its context). A
 * {@link io.ringkv.version.Sibling}'s clock is its context plus its dot. A sibling is obsolete once
 * some context covers its dot: the context of a newer write
 * ({@link io.ringkv.version.SiblingSet#coordinate}) or of another sibling
 * ({@link io.ringkv.version.SiblingSet#merge}). Deciding per dot rather than by comparing whole
 * clocks is what keeps two writes sent with the same context, even through the same coordinator:
 * Dynamo's per-coordinator clocks would lose one (Preguiça, Baquero, Almeida, Fonte, Gonçalves,
 * "Dotted Version Vectors", 2010; riak_core's dvvset.erl keeps the same information compactly).
 *
 * <p><b>Laws.</b> Over the sets real histories produce (replicas coordinating writes and exchanging
 * whole sets), merge is commutative, associative and idempotent, and once replicas have exchanged
 * everything exactly the writes no context covered remain. These rely on replication shipping the
 * coordinator's whole resulting set, never the new sibling alone: the new sibling's clock covers
 * its coordinator's earlier dots, so a replica holding it alone would hand clients a context that
 * supersedes concurrent siblings they never saw. The property tests replay such histories.
 *
 * <p><b>Bytes.</b> {@link io.ringkv.version.SiblingSetCodec} is the storage and peer form;
 * {@link io.ringkv.version.ContextCodec} the client's opaque context (the same bytes over gRPC and,
 * base64url, over HTTP). Both start with a format version byte and end with a CRC32C, and reject
 * anything malformed with their own exception, never a stray runtime exception or a huge allocation.
 */
package io.ringkv.version;
