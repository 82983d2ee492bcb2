package io.ringkv.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartMixedTest {

  @Test
  void partsKeepTheirContentTypesAndBytesButNotTheCrlfBeforeTheDelimiter() {
    List<MultipartMixed.Part> parts =
        parse(
            "multipart/mixed; boundary=\"b 1\"",
            "preamble\r\n"
                + "--b 1\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + "line one\r\n"
                + "line two\r\n"
                + "--b 1\r\n"
                + "content-type: application/json\r\n"
                + "X-Other: y\r\n\r\n"
                + "{}\r\n"
                + "--b 1--\r\n"
                + "epilogue");

    assertThat(parts)
        .extracting(MultipartMixed.Part::contentType)
        .containsExactly("text/plain", "application/json");
    assertThat(text(parts.get(0))).isEqualTo("line one\r\nline two");
    assertThat(text(parts.get(1))).isEqualTo("{}");
  }

  @Test
  void theBoundaryInsideALineIsNotADelimiter() {
    List<MultipartMixed.Part> parts =
        parse(
            "multipart/mixed;boundary=sib",
            "--sib\r\nContent-Type: text/plain\r\n\r\nsee --sib here\r\n--sib--");

    assertThat(parts).hasSize(1);
    assertThat(text(parts.get(0))).isEqualTo("see --sib here");
  }

  @Test
  void aPartWithoutHeadersIsOctetStreamAndAnEmptyPartIsEmpty() {
    List<MultipartMixed.Part> parts =
        parse(
            "multipart/mixed; boundary=x",
            "--x\r\n\r\nraw\r\n--x\r\nContent-Type: text/plain\r\n\r\n\r\n--x--\r\n");

    assertThat(parts.get(0).contentType()).isEqualTo("application/octet-stream");
    assertThat(text(parts.get(0))).isEqualTo("raw");
    assertThat(parts.get(1).body()).isEmpty();
  }

  @Test
  void noBoundaryOrNoPartIsAnError() {
    assertThatThrownBy(() -> parse("multipart/mixed", "--x\r\n\r\nraw\r\n--x--"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> parse("multipart/mixed; boundary=x", "no parts at all"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<MultipartMixed.Part> parse(String contentType, String body) {
    return MultipartMixed.parse(contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(MultipartMixed.Part part) {
    return new String(part.body(), StandardCharsets.UTF_8);
  }
}
