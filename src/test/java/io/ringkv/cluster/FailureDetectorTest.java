package io.ringkv.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FailureDetectorTest {

  private long now = 1_000_000;
  private final FailureDetector detector = new FailureDetector(8.0, 1_000, () -> now);

  private void heartbeatsEvery(String id, long millis, int count) {
    for (int i = 0; i < count; i++) {
      now += millis;
      detector.heartbeat(id);
    }
  }

  @Test
  void a_peer_never_heard_of_is_down_with_infinite_phi() {
    assertThat(detector.isUp("n2")).isFalse();
    assertThat(detector.phi("n2")).isInfinite();
  }

  @Test
  void regular_heartbeats_keep_phi_low_and_the_peer_up() {
    heartbeatsEvery("n2", 1_000, 20);
    now += 500;
    assertThat(detector.phi("n2")).isLessThan(1);
    assertThat(detector.isUp("n2")).isTrue();
  }

  @Test
  void phi_grows_with_silence_and_crosses_the_threshold_within_a_few_intervals() {
    heartbeatsEvery("n2", 1_000, 20);
    double previous = 0;
    long downAfter = -1;
    for (long silence = 0; silence <= 10_000; silence += 100) {
      now += 100;
      double phi = detector.phi("n2");
      assertThat(phi).isGreaterThanOrEqualTo(previous);
      previous = phi;
      if (downAfter < 0 && !detector.isUp("n2")) {
        downAfter = silence + 100;
      }
    }
    // Mean 1 s plus the 0.5 s pause plus ~5 standard deviations (floored at 250 ms): about 2.8 s.
    assertThat(downAfter).isBetween(2_000L, 4_000L);
  }

  @Test
  void irregular_heartbeats_make_the_detector_more_patient() {
    heartbeatsEvery("regular", 1_000, 40);
    now += 3_000;
    double regular = detector.phi("regular");
    for (int i = 0; i < 40; i++) {
      now += i % 2 == 0 ? 300 : 1_700;
      detector.heartbeat("jittery");
    }
    now += 3_000;
    assertThat(detector.phi("jittery")).isLessThan(regular);
  }

  @Test
  void a_failed_call_marks_the_peer_down_until_a_newer_heartbeat_or_a_good_call() {
    heartbeatsEvery("n2", 1_000, 5);
    now += 10;
    detector.reportCall("n2", false);
    assertThat(detector.isUp("n2")).isFalse();

    now += 10;
    detector.heartbeat("n2");
    assertThat(detector.isUp("n2")).isTrue();

    now += 10;
    detector.reportCall("n2", false);
    now += 10;
    detector.reportCall("n2", true);
    assertThat(detector.isUp("n2")).isTrue();
  }

  @Test
  void a_restarted_peer_starts_a_fresh_history_and_is_up_at_once() {
    heartbeatsEvery("n2", 1_000, 5);
    now += 60_000;
    assertThat(detector.isUp("n2")).isFalse();
    detector.restarted("n2");
    assertThat(detector.isUp("n2")).isTrue();
  }

  @Test
  void the_threshold_must_be_positive() {
    assertThatThrownBy(() -> new FailureDetector(0, 1_000, () -> now)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void phi_of_the_normal_approximation_matches_known_points() {
    // At the mean the probability of a later arrival is one half: phi = log10(2).
    assertThat(ArrivalWindow.phi(1_000, 1_000, 100)).isCloseTo(Math.log10(2), org.assertj.core.data.Offset.offset(0.01));
    // Three standard deviations later it is about 0.00135: phi about 2.87.
    assertThat(ArrivalWindow.phi(1_300, 1_000, 100)).isCloseTo(2.87, org.assertj.core.data.Offset.offset(0.05));
  }
}
