package io.tradingrt.ingest;

/**
 * Spaces ticks evenly at a fixed rate: tick {@code i} is planned at {@code start + i/rate}. The feed sends whatever is
 * due, so a late timer sends a larger batch instead of silently lowering the rate, and each tick keeps its planned
 * time for honest latency measurement.
 */
public final class Pacer {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long ratePerSecond;
  private final long startNanos;
  private long sent;

  public Pacer(long ratePerSecond, long startNanos) {
    if (ratePerSecond < 1) {
      throw new IllegalArgumentException("rate must be at least 1 tick/s, got " + ratePerSecond);
    }
    this.ratePerSecond = ratePerSecond;
    this.startNanos = startNanos;
  }

  /** How many ticks are due at {@code nowNanos} and not yet sent. */
  public long due(long nowNanos) {
    long elapsed = Math.max(0, nowNanos - startNanos);
    long total = (elapsed / NANOS_PER_SECOND) * ratePerSecond
        + (elapsed % NANOS_PER_SECOND) * ratePerSecond / NANOS_PER_SECOND;
    return total - sent;
  }

  /** The planned send time of the next tick, without counting it. */
  public long nextDueNanos() {
    long i = sent;
    return startNanos + (i / ratePerSecond) * NANOS_PER_SECOND + (i % ratePerSecond) * NANOS_PER_SECOND / ratePerSecond;
  }

  /** The planned send time of the next tick, then counts it as sent. */
  public long nextPlannedNanos() {
    long planned = nextDueNanos();
    sent++;
    return planned;
  }

  /** Counts {@code n} due ticks as gone without sending them: a feed that drops when its consumers are behind. */
  public void skip(long n) {
    sent += n;
  }

  public long sent() {
    return sent;
  }

  /** Timer period that keeps batches small at high rates and idle wake-ups rare at low ones. */
  public static long timerPeriodMillis(long ratePerSecond) {
    return Math.max(1, Math.min(100, 1000 / ratePerSecond));
  }
}
