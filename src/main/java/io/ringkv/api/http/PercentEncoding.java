package io.ringkv.api.http;

import java.io.ByteArrayOutputStream;

/**
 * Percent-decoding (RFC 3986 §2.1) straight to bytes.
 *
 * <p>Decoding to bytes (rather than to a String, as Vert.x's path parameters do) lets a malformed
 * escape, or bytes that are not UTF-8, be refused with a reason instead of silently becoming
 * U+FFFD.
 */
final class PercentEncoding {

  private PercentEncoding() {}

  /**
   * Decodes {@code encoded} exactly once.
   *
   * @param plusIsSpace true for query strings (form encoding), false for path segments
   * @throws IllegalArgumentException on a truncated or non-hex escape
   */
  static byte[] decode(String encoded, boolean plusIsSpace) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        bytes.write(escapedByte(encoded, i));
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else if (c <= 0xFF) {
        // Netty reads the request line as ISO-8859-1, so a raw (unescaped) byte arrives as one
        // char.
        bytes.write(c);
      } else {
        throw new IllegalArgumentException("unexpected character U+" + Integer.toHexString(c));
      }
    }
    return bytes.toByteArray();
  }

  private static int escapedByte(String encoded, int percentAt) {
    if (percentAt + 2 >= encoded.length()) {
      throw new IllegalArgumentException("truncated escape at index " + percentAt);
    }
    int high = Character.digit(encoded.charAt(percentAt + 1), 16);
    int low = Character.digit(encoded.charAt(percentAt + 2), 16);
    if (high < 0 || low < 0) {
      throw new IllegalArgumentException(
          "invalid escape " + encoded.substring(percentAt, percentAt + 3));
    }
    return high << 4 | low;
  }
}
