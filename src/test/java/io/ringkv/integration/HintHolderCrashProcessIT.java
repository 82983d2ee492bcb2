package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Four real node processes: the hints a fallback holds survive a SIGKILL of the fallback and are
 * delivered once their owner returns (the hint store is persisted, apart from the partitions).
 */
class HintHolderCrashProcessIT {

  private static final int NODES = 4;
  private static final int KEYS = 20;
  private static final Duration STARTUP = Duration.ofSeconds(180);

  @Test
  void hints_survive_kill_dash_9_of_their_holder_and_reach_the_owner_when_it_returns() throws Exception {
    try (NodeProcesses processes = new NodeProcesses(NODES); HttpKv kv = new HttpKv()) {
      AdminProbe admin = new AdminProbe(kv);
      processes.startAll(kv, STARTUP);
      String coordinator = processes.ports(1).httpUrl();
      String holder = processes.ports(3).httpUrl();
      List<String> keys = keysOwnedBy(admin, coordinator, List.of("n1", "n2", "n3"));

      processes.kill(0);
      Eventually.get(() -> admin.seesDown(coordinator, "n1"), down -> down);
      for (String key : keys) {
        assertThat(kv.put(coordinator, "carts", key, "v-" + key, null, "w=2").status()).isEqualTo(204);
      }
      Eventually.get(() -> admin.pendingHints(holder), pending -> pending == KEYS);

      processes.kill(3);
      processes.start(3);
      processes.awaitListening(3, kv, STARTUP);
      assertThat(admin.hints(holder).getJsonObject("byTarget").getLong("n1"))
          .as("hints kept by n4 across kill -9; log:%n%s", processes.log(3))
          .isEqualTo(KEYS);

      processes.start(0);
      processes.awaitReady(0, kv, STARTUP);
      String owner = processes.ports(0).httpUrl();
      Duration handoff = Duration.ofSeconds(30);
      for (String key : keys) {
        Eventually.get(() -> admin.localValues(owner, "carts", key), values -> values.equals(List.of("v-" + key)), handoff);
      }
      Eventually.get(() -> admin.pendingHints(holder), pending -> pending == 0, handoff);
      for (String key : keys) {
        assertThat(admin.localValues(holder, "carts", key)).as("n4 only ever held %s as a hint", key).isEmpty();
      }
    }
  }

  /** Keys whose owners are exactly these three nodes, so the fourth is their only fallback. */
  private static List<String> keysOwnedBy(AdminProbe admin, String url, List<String> owners) throws Exception {
    List<String> keys = new ArrayList<>();
    for (int i = 0; keys.size() < KEYS; i++) {
      String key = "cart-" + i;
      if (admin.placement(url, "carts", key).primaries().containsAll(owners)) {
        keys.add(key);
      }
    }
    return keys;
  }
}
