package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Three real node processes: every write acknowledged at W=2 survives a SIGKILL of all three.
 */
class CrashRecoveryProcessIT {

  private static final int NODES = 3;
  private static final int KEYS = 300;
  private static final Duration STARTUP = Duration.ofSeconds(60);

  @Test
  void every_acknowledged_write_survives_kill_dash_9_of_every_node() throws Exception {
    try (NodeProcesses processes = new NodeProcesses(NODES); HttpKv kv = new HttpKv()) {
      processes.startAll(kv, STARTUP);

      List<String> acknowledged = new ArrayList<>();
      for (int k = 0; k < KEYS; k++) {
        String url = processes.ports(k % NODES).httpUrl();
        var put = kv.put(url, "durable", "key-" + k, "value-" + k, null, "w=2");
        if (put.status() == 204) {
          acknowledged.add("key-" + k);
        }
      }
      assertThat(acknowledged).as("writes acknowledged before the crash").hasSize(KEYS);

      for (int i = 0; i < NODES; i++) {
        processes.kill(i);
      }
      processes.startAll(kv, STARTUP);

      for (String key : acknowledged) {
        String url = processes.ports(key.hashCode() & 1).httpUrl();
        var get = kv.getJson(url, "durable", key, "r=2");
        assertThat(get.status()).as("read of %s after the crash; logs:%n%s", key, processes.log(0)).isEqualTo(200);
        assertThat(get.siblingValues()).containsExactly("value-" + key.substring(4));
      }
    }
  }
}
