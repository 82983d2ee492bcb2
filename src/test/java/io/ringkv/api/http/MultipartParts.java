package io.ringkv.api.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A strict reader of multipart/mixed bodies, for checking what the API sends. */
final class MultipartParts {

  record Part(String contentType, byte[] body) {}

  private MultipartParts() {}

  static List<Part> parse(String contentType, byte[] body) {
    String marker = "boundary=";
    String boundary = contentType.substring(contentType.indexOf(marker) + marker.length());
    byte[] first = ascii("--" + boundary + "\r\n");
    byte[] delimiter = ascii("\r\n--" + boundary);
    if (!Arrays.equals(Arrays.copyOf(body, first.length), first)) {
      throw new AssertionError("body does not start with the boundary");
    }
    List<Part> parts = new ArrayList<>();
    int start = first.length;
    while (true) {
      int end = indexOf(body, delimiter, start);
      if (end < 0) {
        throw new AssertionError("unterminated part");
      }
      parts.add(part(Arrays.copyOfRange(body, start, end)));
      int after = end + delimiter.length;
      String tail =
          new String(body, after, Math.min(2, body.length - after), StandardCharsets.ISO_8859_1);
      if (tail.equals("--")) {
        return parts;
      }
      if (!tail.equals("\r\n")) {
        throw new AssertionError("junk after a boundary: " + tail);
      }
      start = after + 2;
    }
  }

  private static Part part(byte[] bytes) {
    int headersEnd = indexOf(bytes, ascii("\r\n\r\n"), 0);
    String headers = new String(bytes, 0, headersEnd, StandardCharsets.ISO_8859_1);
    String contentType = null;
    for (String header : headers.split("\r\n")) {
      if (header.toLowerCase().startsWith("content-type:")) {
        contentType = header.substring("content-type:".length()).trim();
      }
    }
    return new Part(contentType, Arrays.copyOfRange(bytes, headersEnd + 4, bytes.length));
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
