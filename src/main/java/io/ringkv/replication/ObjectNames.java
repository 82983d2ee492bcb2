package io.ringkv.replication;

import java.nio.charset.StandardCharsets;

/**
 * The sizes of bucket names and keys (DESIGN.md Part B: 1 to 1024 bytes). The coordinator checks
 * them for both client APIs; the HTTP API also checks them on routes that reach no coordinator
 * (bucket properties, a node's local copy), so every route refuses the same names in the same
 * words.
 */
public final class ObjectNames {

  public static final int MAX_BYTES = 1024;

  private ObjectNames() {}

  /**
   * @throws RequestException {@code bad_bucket} when the name is empty or too long
   */
  public static void checkBucket(String bucket) {
    int bytes = bucket == null ? 0 : bucket.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < 1 || bytes > MAX_BYTES) {
      throw new RequestException(
          RequestError.BAD_BUCKET,
          "bucket names are 1 to " + MAX_BYTES + " bytes of UTF-8, got " + bytes + " bytes");
    }
  }

  /**
   * @throws RequestException {@code bad_key} when the key is empty or too long
   */
  public static void checkKey(byte[] key) {
    int bytes = key == null ? 0 : key.length;
    if (bytes < 1 || bytes > MAX_BYTES) {
      throw new RequestException(
          RequestError.BAD_KEY, "keys are 1 to " + MAX_BYTES + " bytes, got " + bytes + " bytes");
    }
  }
}
