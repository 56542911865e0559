package io.tradingrt.http;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketsTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final TokenBuckets buckets = new TokenBuckets(10, now::get);

  @Test
  void aBurstOfOneSecondIsAllowedThenTheClientWaits() {
    for (int i = 0; i < 10; i++) {
      assertEquals(0, buckets.tryAcquire("a"));
    }
    long wait = buckets.tryAcquire("a");
    assertTrue(wait > 0 && wait <= 100_000, "wait " + wait);
    now.addAndGet(100_000);
    assertEquals(0, buckets.tryAcquire("a"));
  }

  @Test
  void clientsHaveSeparateBuckets() {
    for (int i = 0; i < 10; i++) {
      buckets.tryAcquire("a");
    }
    assertEquals(0, buckets.tryAcquire("b"));
  }

  @Test
  void refilledBucketsAreForgotten() {
    buckets.tryAcquire("a");
    buckets.tryAcquire("b");
    now.addAndGet(2_000_000);
    buckets.forgetIdle();
    assertEquals(0, buckets.size());
  }

  @Test
  void aRateMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new TokenBuckets(0, now::get));
  }
}
