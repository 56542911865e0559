package io.tradingrt.metrics;

/** Events per second over the last completed window of at least one second, so the figure does not flicker at 10 Hz. */
final class RateMeter {
  private static final long WINDOW_MICROS = 1_000_000;

  private long total;
  private long windowStartMicros = Long.MIN_VALUE;
  private long totalAtWindowStart;
  private long perSecond;

  void add(long count, long nowMicros) {
    roll(nowMicros);
    total += count;
  }

  long total() {
    return total;
  }

  long perSecond(long nowMicros) {
    roll(nowMicros);
    return perSecond;
  }

  private void roll(long nowMicros) {
    if (windowStartMicros == Long.MIN_VALUE) {
      windowStartMicros = nowMicros;
      return;
    }
    long elapsed = nowMicros - windowStartMicros;
    if (elapsed >= WINDOW_MICROS) {
      // after a silent stretch the rate is what was counted over the whole stretch, so it falls to zero honestly
      perSecond = (total - totalAtWindowStart) * 1_000_000 / elapsed;
      windowStartMicros = nowMicros;
      totalAtWindowStart = total;
    }
  }
}
