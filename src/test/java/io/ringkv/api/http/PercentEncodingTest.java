package io.ringkv.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PercentEncodingTest {

  @Test
  void decodesEscapesToBytesExactlyOnce() {
    assertThat(PercentEncoding.decode("a%2Fb%252F", false)).isEqualTo(utf8("a/b%2F"));
    assertThat(PercentEncoding.decode("%c3%A9", false)).isEqualTo(utf8("é"));
    assertThat(PercentEncoding.decode("%FF%00", false)).containsExactly(0xFF, 0x00);
  }

  @Test
  void plusIsASpaceOnlyInQueries() {
    assertThat(PercentEncoding.decode("a+b", false)).isEqualTo(utf8("a+b"));
    assertThat(PercentEncoding.decode("a+b%2B", true)).isEqualTo(utf8("a b+"));
  }

  @Test
  void refusesMalformedEscapes() {
    for (String malformed : new String[] {"%", "%2", "a%ZZ", "%G0", "%%41"}) {
      assertThatThrownBy(() -> PercentEncoding.decode(malformed, false))
          .as(malformed)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
