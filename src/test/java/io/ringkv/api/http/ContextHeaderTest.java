package io.ringkv.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringkv.replication.RequestError;
import io.ringkv.replication.RequestException;
import org.junit.jupiter.api.Test;

class ContextHeaderTest {

  @Test
  void paddingIsOptional() {
    assertThat(ContextHeader.decode("AQ")).containsExactly(1);
    assertThat(ContextHeader.decode("AQ==")).containsExactly(1);
    assertThat(ContextHeader.decode("AQID")).containsExactly(1, 2, 3);
  }

  @Test
  void encodesUrlSafeWithoutPadding() {
    byte[] bytes = {(byte) 0xFB, (byte) 0xFF, (byte) 0xBF, 1};
    assertThat(ContextHeader.encode(bytes)).isEqualTo("-_-_AQ");
    assertThat(ContextHeader.decode(ContextHeader.encode(bytes))).isEqualTo(bytes);
  }

  @Test
  void anEmptyHeaderIsABlindWrite() {
    assertThat(ContextHeader.decode("")).isEmpty();
  }

  @Test
  void textThatIsNotBase64UrlIsABadContext() {
    for (String invalid : new String[] {"A", "AQ=", "AQ=x", "+/+/", "no spaces", "é"}) {
      assertThatThrownBy(() -> ContextHeader.decode(invalid))
          .as(invalid)
          .isInstanceOfSatisfying(
              RequestException.class,
              e -> assertThat(e.error()).isEqualTo(RequestError.BAD_CONTEXT));
    }
  }
}
