package io.tradingrt.flow;

import io.tradingrt.time.TradingCalendar;
import io.vertx.core.Vertx;

/** Runs an action at every session start of a {@link TradingCalendar}, on the calling verticle's context. */
public final class SessionTimer {

  private SessionTimer() {
  }

  /** Schedules {@code atSessionStart} for the next session start, and again after each run. */
  public static void everySessionStart(Vertx vertx, TradingCalendar calendar, Runnable atSessionStart) {
    vertx.setTimer(calendar.millisUntilNextSession(), id -> {
      atSessionStart.run();
      everySessionStart(vertx, calendar, atSessionStart);
    });
  }
}
