package io.tradingrt.backtest;

import io.tradingrt.time.MicrosClock;

/**
 * Data time: the clock every core of a backtest reads, moved by the engine to each tick's timestamp (and to the
 * session starts and order due times in between). It never goes back: a tick older than the clock is handled at the
 * clock's time, as a live core would handle a late tick at its arrival.
 */
public final class SimulatedClock implements MicrosClock {
  private long now;

  public SimulatedClock(long startMicros) {
    this.now = startMicros;
  }

  @Override
  public long nowMicros() {
    return now;
  }

  /** Moves to {@code micros} unless that lies in the past; returns the time now. */
  public long advanceTo(long micros) {
    if (micros > now) {
      now = micros;
    }
    return now;
  }
}
