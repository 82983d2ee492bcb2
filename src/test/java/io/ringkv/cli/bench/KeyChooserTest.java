package io.ringkv.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyChooserTest {

  @Test
  void uniformCoversTheWholeRangeEvenly() {
    int keys = 100;
    int samples = 200_000;
    long[] counts = ZipfKeyChooserTest.sample(new UniformKeyChooser(keys, new SplittableRandom(11)), keys, samples);

    double expected = samples / (double) keys;
    assertThat(java.util.Arrays.stream(counts).boxed().toList())
        .allSatisfy(count -> assertThat((double) count).isBetween(expected * 0.85, expected * 1.15));
  }

  @Test
  void sequentialLanesTogetherVisitEveryKeyExactlyOnce() {
    int keys = 10;
    int lanes = 3;
    List<Integer> visited = new ArrayList<>();
    for (int lane = 0; lane < lanes; lane++) {
      SequentialKeyChooser chooser = new SequentialKeyChooser(keys, lane, lanes);
      long share = keys / lanes + (lane < keys % lanes ? 1 : 0);
      for (int i = 0; i < share; i++) {
        visited.add(chooser.next());
      }
    }
    assertThat(visited).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
  }
}
