package io.ringkv.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeyHasherTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void digestIsMd5OfLengthPrefixedBucketThenKey() {
        // Known answers computed independently: md5(pack('>I', len(bucket)) + bucket + key).
        assertThat(HexFormat.of().formatHex(KeyHasher.md5("default", utf8("hello"))))
                .isEqualTo("bd566a96bea08be3f5b4f115fd3256c7");
        assertThat(HexFormat.of().formatHex(KeyHasher.md5("", new byte[0])))
                .isEqualTo("f1d3ff8443297732862df21dc4e57262");
        assertThat(HexFormat.of().formatHex(KeyHasher.md5("bücket", new byte[] {0, (byte) 0xff})))
                .as("the bucket is measured and hashed as UTF-8")
                .isEqualTo("c26656f1266fa4c2297b69fc5a283cf0");
    }

    @Test
    void bucketKeyBoundaryIsUnambiguous() {
        assertThat(KeyHasher.md5("ab", utf8("c"))).isNotEqualTo(KeyHasher.md5("a", utf8("bc")));
        assertThat(KeyHasher.md5("", utf8("abc"))).isNotEqualTo(KeyHasher.md5("abc", new byte[0]));
    }

    @Test
    void sameInputSameDigestAcrossCalls() {
        assertThat(KeyHasher.md5("b", utf8("k"))).isEqualTo(KeyHasher.md5("b", utf8("k"))).hasSize(16);
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> KeyHasher.md5(null, new byte[0])).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> KeyHasher.md5("b", null)).isInstanceOf(NullPointerException.class);
    }
}
