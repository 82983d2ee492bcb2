package io.ringkv.api.http;

import io.ringkv.replication.ObjectNames;
import io.ringkv.replication.RequestError;
import io.ringkv.replication.RequestException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bucket names and keys as they arrive in a path segment or a query parameter: percent-encoded,
 * decoded here exactly once (so {@code a%2Fb} is the one key {@code a/b}), and checked as DESIGN.md
 * Part B says: 1 to 1024 bytes of UTF-8, else 400 {@code bad_bucket} or {@code bad_key}.
 *
 * <p>Every route checks its names here, including those that reach no coordinator (bucket
 * properties, a node's local copy, the preference list), so all refuse the same names alike.
 */
final class PathNames {

  private PathNames() {}

  static String bucket(String encoded, boolean plusIsSpace) {
    byte[] bytes = utf8(encoded, plusIsSpace, RequestError.BAD_BUCKET, "bucket name");
    String bucket = new String(bytes, StandardCharsets.UTF_8);
    ObjectNames.checkBucket(bucket);
    return bucket;
  }

  static byte[] key(String encoded, boolean plusIsSpace) {
    byte[] key = utf8(encoded, plusIsSpace, RequestError.BAD_KEY, "key");
    ObjectNames.checkKey(key);
    return key;
  }

  /** The decoded bytes, when they are a non-empty, well-escaped name in UTF-8. */
  private static byte[] utf8(
      String encoded, boolean plusIsSpace, RequestError error, String what) {
    if (encoded.isEmpty()) {
      throw new RequestException(error, "the " + what + " is empty");
    }
    byte[] bytes;
    try {
      bytes = PercentEncoding.decode(encoded, plusIsSpace);
    } catch (IllegalArgumentException e) {
      throw new RequestException(
          error, "the " + what + " is badly percent-encoded: " + e.getMessage());
    }
    try {
      // Strict: the lenient String constructor would turn a malformed byte into U+FFFD.
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw new RequestException(error, "the " + what + " is not valid UTF-8");
    }
    return bytes;
  }
}
