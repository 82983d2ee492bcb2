package io.ringkv.version;

import static io.ringkv.version.ConflictMode.SIBLINGS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked example of the Dynamo paper, §4.4 and Figure 3: one object versioned D1 to D5 through
 * the replicas Sx, Sy and Sz. Each replica keeps its own sibling set; "sync" is the replication of
 * a coordinator's set to another replica.
 */
class DynamoPaperExampleTest {

    private long now = 1_000;

    private SiblingSet write(SiblingSet replica, String actor, VersionVector context, String value) {
        return replica.coordinate(actor, context, value.getBytes(StandardCharsets.UTF_8), "text/plain", false,
                now++, SIBLINGS);
    }

    private static VersionVector clock(Object... actorsAndCounters) {
        VersionVector clock = VersionVector.empty();
        for (int i = 0; i < actorsAndCounters.length; i += 2) {
            clock = clock.with(new Dot((String) actorsAndCounters[i], (Integer) actorsAndCounters[i + 1]), 0);
        }
        return clock;
    }

    private static List<VersionVector> clocks(SiblingSet set) {
        return set.siblings().stream().map(Sibling::clock).toList();
    }

    private static List<String> values(SiblingSet set) {
        return set.liveSiblings().stream().map(s -> new String(s.value(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void d1ToD5() {
        // D1: a client writes a new object; Sx handles it.
        SiblingSet sx = write(SiblingSet.empty(), "Sx", VersionVector.empty(), "D1");
        assertThat(clocks(sx)).containsExactly(clock("Sx", 1));

        // D2: the client updates it; Sx handles this write too and D2 overwrites D1.
        sx = write(sx, "Sx", sx.context(), "D2");
        assertThat(clocks(sx)).containsExactly(clock("Sx", 2));
        assertThat(values(sx)).containsExactly("D2");

        // Sx replicates D2 to Sy and Sz.
        SiblingSet sy = SiblingSet.empty().merge(sx, SIBLINGS);
        SiblingSet sz = SiblingSet.empty().merge(sx, SIBLINGS);
        VersionVector readOfD2 = sx.context();

        // D3: the client updates D2 through Sy.
        sy = write(sy, "Sy", readOfD2, "D3");
        assertThat(clocks(sy)).containsExactly(clock("Sx", 2, "Sy", 1));

        // D4: a different client read D2 and updates it through Sz.
        sz = write(sz, "Sz", readOfD2, "D4");
        assertThat(clocks(sz)).containsExactly(clock("Sx", 2, "Sz", 1));

        // A read that reaches Sy and Sz sees D3 and D4 as siblings: neither clock descends from the other.
        SiblingSet read = sy.merge(sz, SIBLINGS);
        assertThat(clocks(read)).containsExactly(clock("Sx", 2, "Sy", 1), clock("Sx", 2, "Sz", 1));
        assertThat(values(read)).containsExactly("D3", "D4");
        assertThat(read.context()).isEqualTo(clock("Sx", 2, "Sy", 1, "Sz", 1));
        assertThat(read.siblings().get(0).clock().compare(read.siblings().get(1).clock()))
                .isEqualTo(Occurred.CONCURRENT);

        // D5: the client reconciles and writes through Sx with the joined context.
        sx = write(sx, "Sx", read.context(), "D5");
        assertThat(clocks(sx)).containsExactly(clock("Sx", 3, "Sy", 1, "Sz", 1));
        assertThat(values(sx)).containsExactly("D5");

        // Once D5 reaches Sy and Sz, every replica holds D5 alone.
        assertThat(values(sy.merge(sx, SIBLINGS))).containsExactly("D5");
        assertThat(values(sz.merge(sx, SIBLINGS))).containsExactly("D5");
        assertThat(read.merge(sx, SIBLINGS)).isEqualTo(sx);
    }
}
