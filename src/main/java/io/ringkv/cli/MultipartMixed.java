package io.ringkv.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a {@code multipart/mixed} body (RFC 2046 §5.1), the form of a 300 Multiple Choices answer:
 * one part per sibling, each with its own Content-Type.
 */
final class MultipartMixed {

  private static final String OCTET_STREAM = "application/octet-stream";
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] BLANK_LINE = {'\r', '\n', '\r', '\n'};
  private static final byte[] CLOSE = {'-', '-'};

  /** One part: its Content-Type (application/octet-stream when it has none) and its bytes. */
  record Part(String contentType, byte[] body) {}

  private MultipartMixed() {}

  /**
   * @param contentType the Content-Type header of the whole body, with its boundary parameter
   * @throws IllegalArgumentException when there is no boundary or no part
   */
  static List<Part> parse(String contentType, byte[] body) {
    String boundary =
        boundary(contentType)
            .orElseThrow(() -> new IllegalArgumentException("multipart answer without boundary"));
    byte[] dashBoundary = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    // Every delimiter but the first starts with the CRLF that ends the part before it (§5.1.1).
    byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    List<Part> parts = new ArrayList<>();
    int at = indexOf(body, dashBoundary, 0);
    while (at >= 0 && !startsWith(body, at + dashBoundary.length, CLOSE)) {
      int lineEnd = indexOf(body, CRLF, at + dashBoundary.length);
      int next = lineEnd < 0 ? -1 : indexOf(body, delimiter, lineEnd + CRLF.length);
      if (next < 0) {
        break; // truncated: keep the parts that were complete
      }
      parts.add(part(Arrays.copyOfRange(body, lineEnd + CRLF.length, next)));
      at = next + CRLF.length;
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("multipart answer without parts");
    }
    return parts;
  }

  /** A part is header lines, a blank line, then the body; with no headers it starts blank. */
  private static Part part(byte[] part) {
    if (startsWith(part, 0, CRLF)) {
      return new Part(OCTET_STREAM, Arrays.copyOfRange(part, CRLF.length, part.length));
    }
    int headersEnd = indexOf(part, BLANK_LINE, 0);
    int bodyStart = headersEnd < 0 ? part.length : headersEnd + BLANK_LINE.length;
    String headers =
        new String(part, 0, headersEnd < 0 ? part.length : headersEnd, StandardCharsets.ISO_8859_1);
    return new Part(contentType(headers), Arrays.copyOfRange(part, bodyStart, part.length));
  }

  private static String contentType(String headers) {
    return headers
        .lines()
        .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-type:"))
        .map(line -> line.substring("content-type:".length()).strip())
        .findFirst()
        .orElse(OCTET_STREAM);
  }

  static Optional<String> boundary(String contentType) {
    for (String parameter : contentType.split(";")) {
      String[] nameValue = parameter.strip().split("=", 2);
      if (nameValue.length == 2 && nameValue[0].strip().equalsIgnoreCase("boundary")) {
        String value = nameValue[1].strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
      }
    }
    return Optional.empty();
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    for (int i = Math.max(from, 0); i <= haystack.length - needle.length; i++) {
      if (startsWith(haystack, i, needle)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
    if (at < 0 || at + prefix.length > bytes.length) {
      return false;
    }
    return Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length);
  }
}
