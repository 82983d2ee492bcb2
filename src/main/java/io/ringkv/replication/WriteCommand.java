package io.ringkv.replication;

/**
 * A client's write or delete.
 *
 * @param bucket the bucket name (1–1024 bytes of UTF-8)
 * @param key the key bytes (1–1024 bytes)
 * @param value the value bytes (ignored for a delete)
 * @param contentType the value's content type, kept with it (may be null)
 * @param context the opaque causal context the client read, or an empty array for a blind write
 * @param delete true for a delete: the write stores a tombstone
 * @param w how many replicas must store it; 0 means the bucket's default
 * @param pw how many of the w must be primary owners (sloppy quorum); 0 means none
 * @param returnBody true to answer with the siblings stored after the write
 */
public record WriteCommand(
    String bucket,
    byte[] key,
    byte[] value,
    String contentType,
    byte[] context,
    boolean delete,
    int w,
    int pw,
    boolean returnBody) {

  /** The same write, covering {@code readContext} instead. */
  WriteCommand withContext(byte[] readContext) {
    return new WriteCommand(bucket, key, value, contentType, readContext, delete, w, pw, returnBody);
  }
}
