package io.ringkv.antientropy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BandwidthLimitTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void transfersWithinTheBurstGoAtOnceAndLaterOnesWaitForTheRate() {
    BandwidthLimit limit = new BandwidthLimit(1_000, SECOND / 2);

    assertThat(limit.charge(500, 0)).isZero();
    assertThat(limit.charge(500, 0)).as("half a second ahead: still within the burst").isZero();
    assertThat(limit.charge(500, 0)).as("one second ahead: waits the half second beyond the burst").isEqualTo(SECOND / 2);
    assertThat(limit.charge(1_000, 3 * SECOND)).as("idle time is not saved up beyond the burst").isZero();
  }

  @Test
  void sustainedTransfersAverageTheRate() {
    BandwidthLimit limit = new BandwidthLimit(10_000, 0);
    long now = 0;
    for (int i = 0; i < 100; i++) {
      now += limit.charge(1_000, now);
    }
    // 100 kB at 10 kB/s: the last transfer starts after 9.9 s.
    assertThat(now).isEqualTo(99 * SECOND / 10);
  }

  @Test
  void aReplyChargedAfterItArrivedDelaysTheNextTransfer() {
    BandwidthLimit limit = new BandwidthLimit(1_000, 0);

    assertThat(limit.charge(10, 0)).isZero();
    limit.charge(2_000, 0);
    assertThat(limit.charge(10, SECOND)).isEqualTo(SECOND + SECOND / 100);
  }
}
