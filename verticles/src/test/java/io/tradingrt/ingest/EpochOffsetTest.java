package io.tradingrt.ingest;

import io.tradingrt.time.MicrosClock;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EpochOffsetTest {
  /** Epoch µs at monotonic 0 of the simulated machine. */
  private static final long EPOCH_AT_ZERO = 1_796_000_000_000_000L;

  /** A monotonic clock that moves 1 µs per reading; the wall clock can stall before it reads, as a cold first call. */
  private static final class Machine {
    long nanos = 5_000_000_000L;
    long stallNanos;

    long nanoTime() {
      nanos += 1_000;
      return nanos;
    }

    MicrosClock wall() {
      return () -> {
        nanos += stallNanos;
        stallNanos = 0;
        return EPOCH_AT_ZERO + nanoTime() / 1_000;
      };
    }
  }

  @Test
  void aStalledFirstReadingDoesNotShiftPlannedTimesIntoTheFuture() {
    Machine machine = new Machine();
    machine.stallNanos = 40_000_000;
    long offset = EpochOffset.micros(machine.wall(), machine::nanoTime);
    // one reading after another (the old way) would be 40 ms ahead: every tick-to-trade 40 ms too low
    assertEquals(EPOCH_AT_ZERO, offset, 2, "offset error in µs");
  }

  @Test
  void withoutAStallTheOffsetIsTheClocksOwn() {
    Machine machine = new Machine();
    assertEquals(EPOCH_AT_ZERO, EpochOffset.micros(machine.wall(), machine::nanoTime), 2);
  }

  @Test
  void theSystemClocksAgreeWithinAMillisecond() {
    long offset = EpochOffset.micros(MicrosClock.SYSTEM, System::nanoTime);
    long before = System.nanoTime();
    long wall = MicrosClock.SYSTEM.nowMicros();
    long after = System.nanoTime();
    // bracketed, so a descheduled test thread widens the window instead of failing the test
    assertTrue(wall >= offset + before / 1_000 - 1_000 && wall <= offset + after / 1_000 + 1_000,
        "wall " + wall + " within a millisecond of [" + (offset + before / 1_000) + ", " + (offset + after / 1_000) + "]");
  }
}
