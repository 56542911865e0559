package io.tradingrt.time;

/**
 * The paper venue's trading sessions: one per UTC day, starting at midnight. Session start is when risk resets the
 * daily-loss baseline and execution expires DAY orders; both ask this one calendar, on the clock their cores use.
 */
public final class TradingCalendar {
  public static final long SESSION_MICROS = 86_400_000_000L;

  private final MicrosClock clock;

  public TradingCalendar(MicrosClock clock) {
    this.clock = clock;
  }

  /** Start (epoch µs) of the session that holds {@code micros}. */
  public static long sessionStart(long micros) {
    return Math.floorDiv(micros, SESSION_MICROS) * SESSION_MICROS;
  }

  /** Start of the next session, strictly after {@code micros}: at a session start it is the following one. */
  public static long nextSessionStart(long micros) {
    return sessionStart(micros) + SESSION_MICROS;
  }

  /** The start of the current session on this calendar's clock. */
  public long sessionStart() {
    return sessionStart(clock.nowMicros());
  }

  /** Milliseconds to wait so a timer fires at the next session start, never before it (rounded up, at least 1). */
  public long millisUntilNextSession() {
    long now = clock.nowMicros();
    long micros = nextSessionStart(now) - now;
    return Math.max(1, (micros + 999) / 1_000);
  }
}
