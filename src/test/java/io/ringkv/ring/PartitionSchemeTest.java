package io.ringkv.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionSchemeTest {

    @Test
    void partitionOfAKnownKeyIsStable() {
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        // md5 = bd566a96...: top 8 bits 0xbd = 189, top 16 bits 0xbd56 = 48470.
        assertThat(new PartitionScheme(256).partitionOf("default", hello)).isEqualTo(189);
        assertThat(new PartitionScheme(65536).partitionOf("default", hello)).isEqualTo(48470);
        assertThat(new PartitionScheme(2).partitionOf("default", hello)).isEqualTo(1);
        assertThat(new PartitionScheme(1).partitionOf("default", hello)).isZero();
    }

    @Test
    void partitionsAreEqualRangesOfTheHashSpace() {
        PartitionScheme scheme = new PartitionScheme(16);
        byte[] lowest = new byte[16];
        byte[] highest = new byte[16];
        Arrays.fill(highest, (byte) 0xff);
        byte[] lastOfFirst = highest.clone();
        lastOfFirst[0] = 0x0f;
        byte[] firstOfSecond = new byte[16];
        firstOfSecond[0] = 0x10;
        assertThat(scheme.partitionOfHash(lowest)).isZero();
        assertThat(scheme.partitionOfHash(lastOfFirst)).isZero();
        assertThat(scheme.partitionOfHash(firstOfSecond)).isEqualTo(1);
        assertThat(scheme.partitionOfHash(highest)).isEqualTo(15);
        assertThat(new PartitionScheme(65536).partitionOfHash(highest)).isEqualTo(65535);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 3, 6, 100, 1 << 17, Integer.MIN_VALUE})
    void rejectsPartitionCountsThatAreNotAPowerOfTwoInRange(int count) {
        assertThatThrownBy(() -> new PartitionScheme(count))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power of two")
                .hasMessageContaining(String.valueOf(count));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 256, 65536})
    void acceptsPowersOfTwo(int count) {
        assertThat(new PartitionScheme(count).partitionCount()).isEqualTo(count);
    }

    @Test
    void rejectsAHashThatIsNotSixteenBytes() {
        assertThatThrownBy(() -> new PartitionScheme(8).partitionOfHash(new byte[15]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes");
    }
}
