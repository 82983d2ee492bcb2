package io.ringkv.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {

  @Test
  void lanesInterleaveIntoOneEvenlySpacedTimetable() {
    long start = 1_000_000_000L;
    double rate = 3000;
    int lanes = 3;
    List<Long> starts = new ArrayList<>();
    for (int lane = 0; lane < lanes; lane++) {
      Schedule schedule = new Schedule(start, rate, lane, lanes);
      for (int i = 0; i < 100; i++) {
        starts.add(schedule.intendedStart(i));
      }
    }
    starts.sort(null);
    for (int k = 0; k < starts.size(); k++) {
      assertThat(starts.get(k)).isCloseTo(start + Math.round(k * 1e9 / rate), within(1L));
    }
  }

  @Test
  void aRequestIsDueFromItsIntendedStartOn() {
    Schedule schedule = new Schedule(5_000, 7_777, 1, 2);
    assertThat(schedule.dueBy(0)).isZero();
    for (int i = 0; i < 1000; i++) {
      long intended = schedule.intendedStart(i);
      assertThat(schedule.dueBy(intended - 1)).isEqualTo(i);
      assertThat(schedule.dueBy(intended)).isEqualTo(i + 1);
    }
  }
}
