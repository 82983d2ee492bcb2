package io.ringkv.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringkv.ring.ChangeHistory.Scenario;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class RingCodecProperties {

    @Provide
    Arbitrary<Scenario> rings() {
        return Scenarios.scenarios(true);
    }

    @Property(tries = 200)
    void decodeInvertsEncode(@ForAll("rings") Scenario scenario) {
        for (Ring ring : ChangeHistory.replay(scenario, 1).rings()) {
            byte[] encoded = RingCodec.encode(ring);
            Ring decoded = RingCodec.decode(encoded);
            assertThat(decoded).isEqualTo(ring);
            assertThat(decoded.members()).isEqualTo(ring.members());
            assertThat(RingCodec.encode(decoded)).isEqualTo(encoded);
        }
    }

    @Property(tries = 200)
    void anyChangedByteIsRejected(@ForAll("rings") Scenario scenario,
                                  @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where,
                                  @ForAll @IntRange(min = 1, max = 255) int flip) {
        byte[] encoded = RingCodec.encode(ChangeHistory.replay(scenario, 1).last());
        encoded[where % encoded.length] ^= (byte) flip;
        assertThatThrownBy(() -> RingCodec.decode(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("corrupt ring encoding");
    }

    @Property(tries = 200)
    void anyTruncationIsRejected(@ForAll("rings") Scenario scenario,
                                 @ForAll @IntRange(min = 1, max = Integer.MAX_VALUE) int cut) {
        byte[] encoded = RingCodec.encode(ChangeHistory.replay(scenario, 1).last());
        byte[] truncated = Arrays.copyOf(encoded, encoded.length - 1 - cut % encoded.length);
        assertThatThrownBy(() -> RingCodec.decode(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("corrupt ring encoding");
    }
}
