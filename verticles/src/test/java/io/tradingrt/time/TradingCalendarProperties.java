package io.tradingrt.time;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradingCalendarProperties {
  /** 1970 to 2200, in epoch µs, negative instants included. */
  private static final long SPAN = 7_258_118_400_000_000L;

  @Property
  void everyInstantLiesInTheSessionThatStartsAtItsUtcMidnight(@ForAll @LongRange(min = -SPAN, max = SPAN) long micros) {
    long start = TradingCalendar.sessionStart(micros);
    LocalDate day = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L)).atZone(ZoneOffset.UTC)
        .toLocalDate();
    assertEquals(day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L, start);
    assertTrue(start <= micros && micros < TradingCalendar.nextSessionStart(micros));
    assertEquals(TradingCalendar.SESSION_MICROS, TradingCalendar.nextSessionStart(micros) - start);
  }

  @Property
  void theSessionTimerNeverFiresBeforeTheSessionStartsNorAMillisecondAfter(
      @ForAll @LongRange(min = -SPAN, max = SPAN) long micros) {
    TradingCalendar calendar = new TradingCalendar(() -> micros);
    long fireAt = micros + calendar.millisUntilNextSession() * 1_000;
    long next = TradingCalendar.nextSessionStart(micros);
    assertTrue(fireAt >= next, "fires at " + fireAt + ", session starts at " + next);
    assertTrue(fireAt < next + 1_000, "fires at " + fireAt + ", more than 1 ms after " + next);
    assertEquals(TradingCalendar.sessionStart(micros), calendar.sessionStart());
  }

  @Example
  void atMidnightTheNextSessionIsAWholeDayAway() {
    long midnight = LocalDate.of(2026, 12, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    TradingCalendar calendar = new TradingCalendar(() -> midnight);
    assertEquals(midnight, calendar.sessionStart());
    assertEquals(86_400_000L, calendar.millisUntilNextSession());
    assertEquals(1L, new TradingCalendar(() -> midnight - 1).millisUntilNextSession());
  }
}
