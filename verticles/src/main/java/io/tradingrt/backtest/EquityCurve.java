package io.tradingrt.backtest;

import io.tradingrt.codecs.Fixed;

import java.util.Arrays;

/**
 * Equity at the close of each interval that held ticks, labelled with the interval's start (epoch-aligned, like
 * bars). Bounded: when it holds {@code 2 × maxPoints} points the interval doubles and each pair of points becomes
 * the later one, so the curve is always the closes at its current interval. Every figure of the report is computed
 * from these points, so the report and the curve agree by construction.
 */
public final class EquityCurve {
  private final int maxPoints;
  private long intervalMicros;
  private long[] times;
  private long[] equityRaw;
  private int size;

  public EquityCurve(long intervalMicros, int maxPoints) {
    if (intervalMicros <= 0 || maxPoints < 2) {
      throw new IllegalArgumentException("the curve needs a positive interval and at least 2 points");
    }
    this.intervalMicros = intervalMicros;
    this.maxPoints = maxPoints;
    this.times = new long[Math.min(1024, 2 * maxPoints)];
    this.equityRaw = new long[times.length];
  }

  /** A point for the interval starting at {@code startMicros}; a point with the last label replaces it. */
  public void add(long startMicros, Fixed equity) {
    if (size > 0 && times[size - 1] == startMicros) {
      equityRaw[size - 1] = equity.raw();
      return;
    }
    if (size == times.length) {
      times = Arrays.copyOf(times, Math.min(2 * times.length, 2 * maxPoints));
      equityRaw = Arrays.copyOf(equityRaw, times.length);
    }
    times[size] = startMicros;
    equityRaw[size] = equity.raw();
    size++;
  }

  /** Whether the curve is full, so the caller should {@link #coarsen()} it (all curves of a run at once). */
  public boolean full() {
    return size >= 2 * maxPoints;
  }

  /** Doubles the interval: each point moves to its new interval's start, the latest of an interval kept. */
  public void coarsen() {
    intervalMicros *= 2;
    int kept = 0;
    for (int i = 0; i < size; i++) {
      long bucket = bucketStart(times[i]);
      if (kept > 0 && times[kept - 1] == bucket) {
        equityRaw[kept - 1] = equityRaw[i];
      } else {
        times[kept] = bucket;
        equityRaw[kept] = equityRaw[i];
        kept++;
      }
    }
    size = kept;
  }

  public long bucketStart(long micros) {
    return Math.floorDiv(micros, intervalMicros) * intervalMicros;
  }

  public long intervalMicros() {
    return intervalMicros;
  }

  public int size() {
    return size;
  }

  public long time(int i) {
    return times[i];
  }

  public Fixed equity(int i) {
    return Fixed.ofRaw(equityRaw[i]);
  }
}
