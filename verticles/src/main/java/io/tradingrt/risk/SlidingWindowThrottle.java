package io.tradingrt.risk;

/**
 * At most {@code limit} admissions in any window of {@code intervalMicros}: an admission at t is allowed only if
 * the limit-th previous admission happened at or before t - interval. Keeps the last {@code limit} admission times
 * in a ring, so it never allocates. A limit of zero or less admits everything.
 */
final class SlidingWindowThrottle {

  private final int limit;
  private final long intervalMicros;
  private final long[] admissions;
  private int next;
  private long count;
  private long lastMicros = Long.MIN_VALUE;

  SlidingWindowThrottle(int limit, long intervalMicros) {
    this.limit = limit;
    this.intervalMicros = intervalMicros;
    this.admissions = new long[Math.max(limit, 0)];
  }

  boolean allows(long nowMicros) {
    if (limit <= 0 || count < limit) {
      return true;
    }
    long oldest = admissions[next];
    return oldest <= monotonic(nowMicros) - intervalMicros;
  }

  void admit(long nowMicros) {
    if (limit <= 0) {
      return;
    }
    long now = monotonic(nowMicros);
    lastMicros = now;
    admissions[next] = now;
    next = (next + 1) % limit;
    count++;
  }

  /** Admissions within the window ending at {@code nowMicros} (what {@link #allows} compares with the limit). */
  int used(long nowMicros) {
    long now = monotonic(nowMicros);
    int used = 0;
    for (int i = 0; i < Math.min(count, admissions.length); i++) {
      if (admissions[i] > now - intervalMicros) {
        used++;
      }
    }
    return used;
  }

  int limit() {
    return limit;
  }

  // a clock stepping backwards must not reopen a window that was already full
  private long monotonic(long nowMicros) {
    return Math.max(nowMicros, lastMicros);
  }
}
