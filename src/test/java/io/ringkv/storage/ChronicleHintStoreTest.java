package io.ringkv.storage;

import static io.ringkv.storage.PartitionedStoreContract.bytes;
import static io.ringkv.storage.PartitionedStoreContract.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChronicleHintStoreTest extends HintStoreContract {

  @Override
  HintStore openStore(Path dataDir) {
    return ChronicleHintStore.open(dataDir, StoreOptions.defaults());
  }

  @Test
  void reopenKeepsHintsAndTheirCounts() {
    for (int i = 0; i < 1000; i++) {
      int n = i;
      hints.merge("n" + i % 3, i % 256, bytes("k" + i), current -> value(n, 1024));
    }
    hints.close();
    hints = openStore(dataDir);

    assertThat(hints.pendingByTarget()).isEqualTo(Map.of("n0", 334L, "n1", 333L, "n2", 333L));
    int[] seen = {0};
    hints.forEachFor("n1", (partition, key, value) -> {
      int i = Integer.parseInt(new String(key).substring(1));
      assertThat(partition).isEqualTo(i % 256);
      assertThat(value).isEqualTo(value(i, 1024));
      seen[0]++;
    });
    assertThat(seen[0]).isEqualTo(333);
  }
}
