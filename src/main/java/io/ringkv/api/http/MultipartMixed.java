package io.ringkv.api.http;

import io.ringkv.replication.StoredValue;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Siblings as a {@code multipart/mixed} body (RFC 2046 §5.1): one part per sibling, each with its
 * own Content-Type and its bytes untouched. The boundary is random and checked against every value,
 * so binary values can never end a part early.
 */
final class MultipartMixed {

  private static final byte[] CRLF = {'\r', '\n'};

  private final String boundary;
  private final Buffer body;

  private MultipartMixed(String boundary, Buffer body) {
    this.boundary = boundary;
    this.body = body;
  }

  static MultipartMixed of(List<StoredValue> siblings) {
    String boundary = boundaryAbsentFrom(siblings);
    Buffer body = Buffer.buffer();
    for (StoredValue sibling : siblings) {
      body.appendString("--" + boundary)
          .appendBytes(CRLF)
          .appendString("Content-Type: " + sibling.contentType(), "ISO-8859-1")
          .appendBytes(CRLF)
          .appendBytes(CRLF)
          .appendBytes(sibling.value())
          .appendBytes(CRLF);
    }
    body.appendString("--" + boundary + "--").appendBytes(CRLF);
    return new MultipartMixed(boundary, body);
  }

  /** The response's Content-Type. */
  String contentType() {
    return "multipart/mixed; boundary=" + boundary;
  }

  Buffer body() {
    return body;
  }

  private static String boundaryAbsentFrom(List<StoredValue> siblings) {
    while (true) {
      byte[] random = new byte[16];
      ThreadLocalRandom.current().nextBytes(random);
      String boundary = "ringkv-" + HexFormat.of().formatHex(random);
      byte[] needle = boundary.getBytes(StandardCharsets.US_ASCII);
      if (siblings.stream().noneMatch(sibling -> contains(sibling.value(), needle))) {
        return boundary;
      }
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int start = 0; start + needle.length <= haystack.length; start++) {
      for (int i = 0; i < needle.length; i++) {
        if (haystack[start + i] != needle[i]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
