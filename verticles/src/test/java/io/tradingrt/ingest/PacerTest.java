package io.tradingrt.ingest;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacerTest {

  @Property(tries = 300)
  void afterAnyElapsedTimeRateTimesSecondsPlusTheFirstAreDue(@ForAll @LongRange(min = 1, max = 2_000_000) long rate,
                                                       @ForAll @LongRange(min = 0, max = 10_000_000_000L) long elapsed) {
    Pacer pacer = new Pacer(rate, 1_000);
    long due = pacer.due(1_000 + elapsed);
    // the tick planned at the start is due at once, then one per 1/rate
    assertEquals((long) Math.floor(elapsed / 1e9 * rate) + 1, due, 1);
  }

  @Property(tries = 300)
  void aTickIsDueExactlyWhenItsPlannedTimeHasCome(@ForAll @LongRange(min = 1, max = 2_000_000) long rate,
                                                  @ForAll @IntRange(min = 0, max = 199) int ticks) {
    Pacer planner = new Pacer(rate, 5_000);
    long[] planned = new long[ticks + 1];
    for (int i = 0; i <= ticks; i++) {
      planned[i] = planner.nextPlannedNanos();
    }
    Pacer pacer = new Pacer(rate, 5_000);
    assertEquals(ticks + 1, pacer.due(planned[ticks]), "at the planned time of tick " + ticks);
    if (planned[ticks] > planned[ticks == 0 ? 0 : ticks - 1] || ticks == 0) {
      assertEquals(ticks, pacer.due(planned[ticks] - 1), "just before it");
    }
  }

  @Property(tries = 300)
  void plannedTimesAreEvenlySpacedAndNeverAheadOfTheirDueTime(@ForAll @LongRange(min = 1, max = 1_000_000) long rate) {
    Pacer pacer = new Pacer(rate, 0);
    long previous = -1;
    for (int i = 0; i < 50; i++) {
      long planned = pacer.nextPlannedNanos();
      assertTrue(planned > previous || rate > 1_000_000_000L);
      assertEquals((long) i * 1_000_000_000L / rate, planned, 1);
      previous = planned;
    }
  }

  @Test
  void sentTicksAreNoLongerDue() {
    Pacer pacer = new Pacer(1000, 0);
    // at 1,000 ticks/s from t=0, ticks planned at 0, 1, ... 1000 ms have all come at t = 1 s
    assertEquals(1001, pacer.due(1_000_000_000L));
    for (int i = 0; i < 400; i++) {
      pacer.nextPlannedNanos();
    }
    assertEquals(601, pacer.due(1_000_000_000L));
    // the next tick after 400 sent is planned at 400 ms; waits are floored, never negative
    assertEquals(100_000_000L, pacer.waitNanos(300_000_000L, 50_000));
    assertEquals(50_000, pacer.waitNanos(500_000_000L, 50_000));
  }
}
