package io.ringkv.api.http;

/**
 * Which object a key route names: {@code /buckets/{bucket}/keys/{key}}, or {@code /kv/{key}} for
 * the bucket {@value #DEFAULT_BUCKET}.
 *
 * @param bucket the decoded bucket name
 * @param key the decoded key bytes
 */
record ObjectAddress(String bucket, byte[] key) {

  static final String DEFAULT_BUCKET = "default";

  /** The routes' path shapes, matched against Vert.x's normalized path. */
  static final String BUCKET_KEY_PATH = "/buckets/[^/]*/keys/[^/]*";

  static final String DEFAULT_BUCKET_KEY_PATH = "/kv/[^/]*";

  /**
   * Parses a path that matched one of the two shapes. Segments are taken still encoded (Vert.x's
   * normalization decodes only unreserved characters, never {@code %2F}) and decoded once here.
   */
  static ObjectAddress of(String normalizedPath) {
    String[] segments = normalizedPath.split("/", -1);
    if (segments.length == 3) {
      return new ObjectAddress(DEFAULT_BUCKET, PathNames.key(segments[2], false));
    }
    return new ObjectAddress(
        PathNames.bucket(segments[2], false), PathNames.key(segments[4], false));
  }
}
