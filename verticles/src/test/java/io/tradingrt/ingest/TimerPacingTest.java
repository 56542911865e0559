package io.tradingrt.ingest;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.launcher.RuntimeConfig;
import io.tradingrt.launcher.RuntimeVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The timer pacer sends each tick close to its planned time at every rate: a tick's arrival on md.ticks minus its
 * planned time (the time it carries) stays under 2 ms at p95 (and 1 ms at the median), so latency measured from the planned time is the
 * runtime's, not the simulator's timer period. Arrival is read on the monotonic clock and the error is taken above
 * the run's best tick, so the once-at-start mapping of planned times onto the wall clock does not enter it.
 */
class TimerPacingTest {
  private static final long WARM_UP_MICROS = 1_000_000;
  private static final long MIN_RUN_MICROS = 3_000_000;
  private static final long MIN_TICKS = 400; // so that p99 is not the maximum at 50 ticks/s

  @ParameterizedTest
  @ValueSource(longs = {50, 1_000, 100_000})
  void ticksArriveWithinTwoMillisecondsOfTheirPlannedTime(long rate) throws Exception {
    // the transport the launcher chooses (epoll on Linux): its timers have microsecond resolution
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    long runMicros = Math.max(MIN_RUN_MICROS, MIN_TICKS * 1_000_000 / rate);
    try {
      RuntimeSettings config = RuntimeConfig.load(new JsonObject()
          .put("roles", new JsonArray().add("ingest"))
          .put("ingest", new JsonObject().put("ticksPerSecond", rate).put("pacing", "timer")
              .put("symbols", new JsonArray().add("AAPL"))), Map.of());
      int capacity = (int) (rate * (runMicros + WARM_UP_MICROS) / 1_000_000 + 1_000);
      long[] lateness = new long[capacity];
      int[] count = {0};
      long[] first = {0};
      vertx.eventBus().<TickBatch>consumer(Addresses.MD_TICKS, m -> {
        long now = System.nanoTime() / 1_000;
        for (Tick tick : m.body().ticks()) {
          if (first[0] == 0) {
            first[0] = tick.tsMicros();
          }
          if (tick.tsMicros() - first[0] > WARM_UP_MICROS && count[0] < capacity) {
            lateness[count[0]++] = now - tick.tsMicros();
          }
        }
      });
      vertx.deployVerticle(new RuntimeVerticle(config))
          .await(20, TimeUnit.SECONDS);
      Thread.sleep((runMicros + WARM_UP_MICROS) / 1_000 + 200);
      long[] sorted = vertx.executeBlocking(() -> Arrays.copyOf(lateness, count[0]), false)
          .await(5, TimeUnit.SECONDS);
      Arrays.sort(sorted);
      long best = sorted.length == 0 ? 0 : sorted[0];
      for (int i = 0; i < sorted.length; i++) {
        sorted[i] -= best;
      }
      assertTrue(sorted.length >= Math.min(MIN_TICKS, rate * 2), "ticks measured at " + rate + "/s: " + sorted.length);
      long p50 = sorted[sorted.length / 2];
      long p95 = sorted[(int) Math.ceil(sorted.length * 0.95) - 1];
      long p99 = sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
      System.out.printf("timer pacing (" + (vertx.isNativeTransportEnabled() ? "epoll" : "NIO") + ") at %,d ticks/s: "
          + "arrival minus planned time p50 %d µs, p95 %d µs, p99 %d µs, max %d µs over %,d ticks%n", rate, p50, p95,
          p99, sorted[sorted.length - 1], sorted.length);
      // p99 is printed, not asserted: on a quiet machine it is ~0.3-0.9 ms, but a second process on the two cores
      // delays single wake-ups by 2-3 ms. The old fixed-period timer failed both bounds (p50 19.6 ms at 50 ticks/s,
      // 1.1-1.3 ms at 1,000 ticks/s).
      assertTrue(p50 < 1_000, "p50 " + p50 + " µs at " + rate + " ticks/s");
      assertTrue(p95 < 2_000, "p95 " + p95 + " µs at " + rate + " ticks/s (p50 " + p50 + " µs)");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
