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
    String what = "bucket name";
    String bucket = utf8(decoded(encoded, plusIsSpace, RequestError.BAD_BUCKET, what), RequestError.BAD_BUCKET, what);
    ObjectNames.checkBucket(bucket);
    return bucket;
  }

  static byte[] key(String encoded, boolean plusIsSpace) {
    byte[] key = decoded(encoded, plusIsSpace, RequestError.BAD_KEY, "key");
    utf8(key, RequestError.BAD_KEY, "key"); // the contract's keys are UTF-8; the bytes are the key
    ObjectNames.checkKey(key);
    return key;
  }

  /** The decoded bytes of a non-empty, well-escaped name. */
  private static byte[] decoded(String encoded, boolean plusIsSpace, RequestError error, String what) {
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

  /** The name's text, when its bytes are UTF-8; strict, where the String constructor would turn a malformed byte into U+FFFD. */
  private static String utf8(byte[] bytes, RequestError error, String what) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new RequestException(error, "the " + what + " is not valid UTF-8");
    }
  }
}
