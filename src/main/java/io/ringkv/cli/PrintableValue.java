package io.ringkv.cli;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * How a value shows in a terminal: as text when it is UTF-8 text, otherwise as its size and its
 * standard base64 (as in the JSON answers), so that binary bytes never garble the terminal.
 */
final class PrintableValue {

  private PrintableValue() {}

  static String of(byte[] value, String contentType) {
    return text(value)
        .filter(text -> isTextual(contentType) || isPlain(text))
        .orElseGet(
            () ->
                "<"
                    + value.length
                    + " bytes, base64: "
                    + Base64.getEncoder().encodeToString(value)
                    + ">");
  }

  private static Optional<String> text(byte[] value) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(value))
              .toString());
    } catch (CharacterCodingException notUtf8) {
      return Optional.empty();
    }
  }

  private static boolean isTextual(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("text/")
        || type.contains("json")
        || type.contains("xml")
        || type.contains("yaml")
        || type.contains("charset=");
  }

  /** UTF-8 without control characters other than line breaks and tabs. */
  private static boolean isPlain(String text) {
    return text.chars()
        .noneMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
  }
}
