package io.tradingrt.http;

import io.tradingrt.time.MicrosClock;

import java.util.HashMap;
import java.util.Map;

/**
 * Token-bucket rate limiting per client key (the remote IP): {@code ratePerSecond} tokens a second, bursts up to one
 * second's worth. Buckets idle long enough to be full again are forgotten, so the map stays as small as the set of
 * active clients.
 */
final class TokenBuckets {
  private final long ratePerSecond;
  private final MicrosClock clock;
  private final Map<String, Bucket> buckets = new HashMap<>();

  private static final class Bucket {
    double tokens;
    long updatedMicros;
  }

  TokenBuckets(long ratePerSecond, MicrosClock clock) {
    if (ratePerSecond <= 0) {
      throw new IllegalArgumentException("rateLimitPerSecond must be positive, got " + ratePerSecond);
    }
    this.ratePerSecond = ratePerSecond;
    this.clock = clock;
  }

  /** Takes a token for {@code key}; returns 0 when allowed, otherwise the µs until the next token is due. */
  long tryAcquire(String key) {
    long now = clock.nowMicros();
    Bucket bucket = buckets.computeIfAbsent(key, k -> {
      Bucket fresh = new Bucket();
      fresh.tokens = ratePerSecond;
      fresh.updatedMicros = now;
      return fresh;
    });
    refill(bucket, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - bucket.tokens) * 1_000_000 / ratePerSecond);
  }

  /** Drops buckets that have refilled completely: they behave exactly like a new one. */
  void forgetIdle() {
    long now = clock.nowMicros();
    buckets.values().removeIf(bucket -> {
      refill(bucket, now);
      return bucket.tokens >= ratePerSecond;
    });
  }

  int size() {
    return buckets.size();
  }

  private void refill(Bucket bucket, long now) {
    long elapsed = Math.max(0, now - bucket.updatedMicros);
    bucket.tokens = Math.min(ratePerSecond, bucket.tokens + elapsed * ratePerSecond / 1_000_000.0);
    bucket.updatedMicros = now;
  }
}
