package io.tradingrt.figures;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The histogram behind GET /api/metrics/latency: log-spaced 1-2-5 buckets that hold every measurement once. */
class LatencyDistributionTest {

  @Test
  void bucketsFollowTheOneTwoFiveSeriesUpToTheMaximum() {
    TickToTrade recorder = new TickToTrade(0);
    for (long latency : new long[] {1, 3, 3, 40, 700, 12_000}) {
      recorder.record(1_000_000 + latency, 1_000_000);
    }
    TickToTrade.Distribution d = recorder.distribution();
    assertEquals(6, d.count());
    assertEquals(12_000, d.max(), 12);
    List<Long> bounds = d.buckets().stream().map(TickToTrade.Bucket::upToMicros).toList();
    assertEquals(List.of(1L, 2L, 5L, 10L, 20L, 50L, 100L, 200L, 500L, 1_000L, 2_000L, 5_000L, 10_000L, 20_000L),
        bounds);
    List<Long> counts = d.buckets().stream().map(TickToTrade.Bucket::count).toList();
    assertEquals(List.of(1L, 0L, 2L, 0L, 0L, 1L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 1L), counts);
  }

  @Test
  void anEmptyRecorderStillHasAnAxisToOneMillisecond() {
    TickToTrade.Distribution d = new TickToTrade(0).distribution();
    assertEquals(0, d.count());
    assertEquals(1_000L, d.buckets().get(d.buckets().size() - 1).upToMicros());
    assertEquals(0L, d.buckets().stream().mapToLong(TickToTrade.Bucket::count).sum());
  }
}
