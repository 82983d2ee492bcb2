package io.ringkv.storage;

import static io.ringkv.storage.PartitionedStoreContract.bytes;
import static io.ringkv.storage.PartitionedStoreContract.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunked values and what a crash can leave of them. */
class ChunkedMapTest {

  @TempDir Path dir;
  final StoreOptions options = StoreOptions.defaults().withChunkSize(1024);

  @Test
  void chunksNoManifestNamesAreSweptWhenTheMapOpens() {
    byte[] big = value(1, 10 * 1024 + 7);
    MapDirectory directory = MapDirectory.open(dir, options, 0);
    ChunkedMap map = directory.createMap("m", 0);
    map.update(bytes("big"), current -> big);
    try (LayeredMap.Access access = map.layers().access()) {
      // A write of "big" interrupted before its manifest, and the chunks of a value of "gone"
      // replaced just before a crash.
      access.put(RecordKeys.chunk(bytes("big"), 42, 0), value(2, 1024));
      access.put(RecordKeys.chunk(bytes("gone"), 43, 3), value(3, 1024));
    }
    directory.close(List.of(map), false);

    directory = MapDirectory.open(dir, options, 0);
    assertThat(directory.recovering()).isTrue();
    map = directory.openMap("m", 0, directory.existingMaps().get("m"));
    try (LayeredMap.Access access = map.layers().access()) {
      assertThat(access.get(RecordKeys.chunk(bytes("big"), 42, 0))).isNull();
      assertThat(access.get(RecordKeys.chunk(bytes("gone"), 43, 3))).isNull();
    }
    assertThat(map.get(bytes("big"))).isEqualTo(big);
    assertThat(map.keys()).isEqualTo(1);
    assertThat(map.valueBytes()).isEqualTo(big.length);
    int[] raw = {0};
    map.layers().forEachEntry((k, v) -> raw[0]++);
    assertThat(raw[0]).as("the record and its 11 chunks").isEqualTo(12);
    directory.close(List.of(map), true);
  }

  @Test
  void replacingAChunkedValueLeavesNoOldChunks() {
    MapDirectory directory = MapDirectory.open(dir, options, 0);
    ChunkedMap map = directory.createMap("m", 0);
    map.update(bytes("k"), current -> value(1, 5 * 1024));
    map.update(bytes("k"), current -> value(2, 3 * 1024));
    int[] raw = {0};
    map.layers().forEachEntry((k, v) -> raw[0]++);
    assertThat(raw[0]).isEqualTo(1 + 3);
    map.update(bytes("k"), current -> null);
    raw[0] = 0;
    map.layers().forEachEntry((k, v) -> raw[0]++);
    assertThat(raw[0]).isZero();
    directory.close(List.of(map), true);
  }
}
