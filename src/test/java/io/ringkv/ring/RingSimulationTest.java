package io.ringkv.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Why fixed partitions and a stealing claim: on a 1000-node ring with Q = 65536, one join moves
 * the primary owner of about 1/1001 of the keys, where {@code hash mod S} moves almost all of them.
 * Both are measured on the same 200,000 seeded random keys; the figures are printed.
 */
class RingSimulationTest {

    private static final int Q = 65536;
    private static final int NODES = 1000;
    private static final int KEYS = 200_000;
    private static final long SEED = 20070101L;

    @Test
    void oneJoinToAThousandNodesMovesAboutOneThousandthOfTheKeys() {
        List<NodeSpec> members = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            members.add(NodeSpec.of(String.format("node-%04d", i)));
        }
        long started = System.nanoTime();
        Ring before = Claim.initial(Q, members);
        long built = System.nanoTime();
        Ring after = Claim.join(before, NodeSpec.of("node-new"));
        long joined = System.nanoTime();

        Random random = new Random(SEED);
        byte[] key = new byte[16];
        int ownerChanged = 0;
        int replicasChanged = 0;
        int moduloChanged = 0;
        for (int i = 0; i < KEYS; i++) {
            random.nextBytes(key);
            byte[] md5 = KeyHasher.md5("default", key);
            int partition = before.scheme().partitionOfHash(md5);
            if (!before.owner(partition).equals(after.owner(partition))) {
                ownerChanged++;
            }
            if (!before.preferenceList(partition, 3).primaries().equals(after.preferenceList(partition, 3).primaries())) {
                replicasChanged++;
            }
            long hash = ByteBuffer.wrap(md5).getLong();
            if (Long.remainderUnsigned(hash, NODES) != Long.remainderUnsigned(hash, NODES + 1)) {
                moduloChanged++;
            }
        }
        long measured = System.nanoTime();
        double ringFraction = (double) ownerChanged / KEYS;
        double moduloFraction = (double) moduloChanged / KEYS;
        System.out.printf("ring simulation: Q=%d, %d -> %d nodes, %d keys (seed %d)%n", Q, NODES, NODES + 1, KEYS, SEED);
        System.out.printf("  claim: initial %d ms, join %d ms; partitions moved %d of %d (%.3f%%), newcomer owns %d%n",
                (built - started) / 1_000_000, (joined - built) / 1_000_000, ClaimProperties.moved(before, after), Q,
                100.0 * ClaimProperties.moved(before, after) / Q, after.ownedCount("node-new"));
        System.out.printf("  keys measured in %d ms%n", (measured - joined) / 1_000_000);
        System.out.printf("  ring:      primary owner changed for %d keys = %.4f%%%n", ownerChanged, 100 * ringFraction);
        System.out.printf("  ring:      N=3 replica set changed for %d keys = %.4f%%%n", replicasChanged,
                100.0 * replicasChanged / KEYS);
        System.out.printf("  hash mod S: owner changed for %d keys = %.4f%%%n", moduloChanged, 100 * moduloFraction);

        assertThat(ringFraction).as("share of keys whose owner moved on the ring").isPositive().isLessThanOrEqualTo(0.0012);
        assertThat(moduloFraction).as("share of keys whose owner moved with hash mod S").isGreaterThan(0.99);
        assertThat(ClaimProperties.moved(before, after)).isEqualTo(after.ownedCount("node-new"));
    }
}
