package io.tradingrt.ingest;

import io.tradingrt.time.MicrosClock;

import java.util.function.LongSupplier;

/**
 * The offset that turns the pacer's {@code System.nanoTime()} into epoch µs, for each tick's planned time. One pair of
 * readings is not enough: whatever runs between them (the wall clock's first call links its lambda and loads
 * {@code Instant}, 10–50 ms on a busy machine; a thread descheduled) moves every planned time that far into the future,
 * so tick-to-trade measured against it reads too low, down to 0. The reading bracketed most tightly by the monotonic
 * clock wins.
 */
final class EpochOffset {
  static final int READINGS = 10;

  private EpochOffset() {
  }

  /** Epoch µs minus monotonic µs, from the tightest of {@link #READINGS} bracketed readings of {@code wall}. */
  static long micros(MicrosClock wall, LongSupplier nanos) {
    long tightest = Long.MAX_VALUE;
    long offset = 0;
    for (int i = 0; i < READINGS; i++) {
      long before = nanos.getAsLong();
      long epochMicros = wall.nowMicros();
      long after = nanos.getAsLong();
      if (after - before < tightest) {
        tightest = after - before;
        offset = epochMicros - (before / 1_000 + (after - before) / 2_000);
      }
    }
    return offset;
  }
}
