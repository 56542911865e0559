package io.tradingrt.ingest;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacerTest {

  @Property(tries = 300)
  void afterAnyElapsedTimeExactlyRateTimesSecondsAreDue(@ForAll @LongRange(min = 1, max = 2_000_000) long rate,
                                                       @ForAll @LongRange(min = 0, max = 10_000_000_000L) long elapsed) {
    Pacer pacer = new Pacer(rate, 1_000);
    long due = pacer.due(1_000 + elapsed);
    assertEquals((long) Math.floor(elapsed / 1e9 * rate), due, 1);
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
    assertEquals(1000, pacer.due(1_000_000_000L));
    for (int i = 0; i < 400; i++) {
      pacer.nextPlannedNanos();
    }
    assertEquals(600, pacer.due(1_000_000_000L));
    assertEquals(1, Pacer.timerPeriodMillis(1_000_000));
    assertEquals(100, Pacer.timerPeriodMillis(1));
  }
}
