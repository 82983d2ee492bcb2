package io.ringkv.api.http;

import io.ringkv.replication.RequestError;
import io.ringkv.replication.RequestException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bucket names and keys as they arrive in a path segment or a query parameter: percent-encoded,
 * decoded here exactly once (so {@code a%2Fb} is the one key {@code a/b}).
 *
 * <p>This layer checks only what the request's syntax decides (empty, malformed escapes, a bucket
 * that is not UTF-8); the coordinator checks sizes, which the gRPC API shares.
 */
final class PathNames {

  /** DESIGN.md Part B: keys and bucket names are 1–1024 bytes. */
  static final int MAX_NAME_BYTES = 1024;

  private PathNames() {}

  static String bucket(String encoded, boolean plusIsSpace) {
    byte[] bytes = decoded(encoded, plusIsSpace, RequestError.BAD_BUCKET, "bucket");
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new RequestException(RequestError.BAD_BUCKET, "the bucket name is not valid UTF-8");
    }
  }

  static byte[] key(String encoded, boolean plusIsSpace) {
    return decoded(encoded, plusIsSpace, RequestError.BAD_KEY, "key");
  }

  /** For routes that reach no coordinator (bucket properties), which would check the size. */
  static String boundedBucket(String encoded) {
    String bucket = bucket(encoded, false);
    if (bucket.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      throw new RequestException(
          RequestError.BAD_BUCKET, "the bucket name is longer than " + MAX_NAME_BYTES + " bytes");
    }
    return bucket;
  }

  private static byte[] decoded(
      String encoded, boolean plusIsSpace, RequestError error, String what) {
    if (encoded.isEmpty()) {
      throw new RequestException(error, "the " + what + " is empty");
    }
    try {
      return PercentEncoding.decode(encoded, plusIsSpace);
    } catch (IllegalArgumentException e) {
      throw new RequestException(
          error, "the " + what + " is badly percent-encoded: " + e.getMessage());
    }
  }
}
