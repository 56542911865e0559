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

  /**
   * How many ticks are due at {@code nowNanos} and not yet sent: those whose planned time has come. (Counting whole
   * intervals instead would send each tick one interval late: 20 ms at 50 ticks/s.)
   */
  public long due(long nowNanos) {
    if (nowNanos < startNanos) {
      return 0;
    }
    // tick i is planned at floor(i * 1e9 / rate) after the start, so ceil((elapsed + 1) * rate / 1e9) of them are due;
    // split by whole seconds so that days of elapsed time at millions of ticks a second do not overflow
    long elapsed = nowNanos - startNanos + 1;
    long total = (elapsed / NANOS_PER_SECOND) * ratePerSecond
        + ceilDiv((elapsed % NANOS_PER_SECOND) * ratePerSecond, NANOS_PER_SECOND);
    return total - sent;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
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

  /**
   * How long a one-shot timer should wait before the next send: until the next tick is due, but at least
   * {@code minWaitNanos} (at high rates a wake-up then sends the few ticks due by then, instead of one per wake-up).
   */
  public long waitNanos(long nowNanos, long minWaitNanos) {
    return Math.max(minWaitNanos, nextDueNanos() - nowNanos);
  }
}
