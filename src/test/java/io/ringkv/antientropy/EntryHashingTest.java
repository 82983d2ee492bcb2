package io.ringkv.antientropy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Replicas on different builds compare these hashes, so they are pinned: a change here is a wire
 * format change.
 */
class EntryHashingTest {

  @Test
  void positionsAndEntryHashesArePinned() {
    long position = EntryHashing.position(Trees.key("b/key-1"));

    assertThat(position).isEqualTo(POSITION_OF_B_KEY_1);
    assertThat(EntryHashing.entry(position, 7L)).isEqualTo(ENTRY_OF_B_KEY_1_AT_7);
    assertThat(EntryHashing.position(new byte[0])).isEqualTo(POSITION_OF_NOTHING);
  }

  @Test
  void aKeySitsUnderTheNodeNamedByTheTopBitsOfItsPosition() {
    long position = 0xA000_0000_0000_0001L;

    assertThat(EntryHashing.indexAt(position, 0)).isZero();
    assertThat(EntryHashing.indexAt(position, 1)).isEqualTo(1);
    assertThat(EntryHashing.indexAt(position, 4)).isEqualTo(0b1010);
    assertThat(EntryHashing.indexAt(position, 20)).isEqualTo(0xA0000);
  }

  @Test
  void theEntryHashChangesWithTheVersion() {
    long position = EntryHashing.position(Trees.key("k"));

    assertThat(EntryHashing.entry(position, 1)).isNotEqualTo(EntryHashing.entry(position, 2));
    assertThat(EntryHashing.entry(position, 0)).isNotZero();
  }

  // Computed apart from this code (a few lines of Python: FNV-1a 64, then MurmurHash3's fmix64).
  private static final long POSITION_OF_B_KEY_1 = 0xd0f09c86a2a68e3bL;
  private static final long ENTRY_OF_B_KEY_1_AT_7 = 0xefbd7792eb0bf356L;
  private static final long POSITION_OF_NOTHING = 0xefd01f60ba992926L;
}
