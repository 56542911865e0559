package io.tradingrt.bench;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Headers;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.launcher.RuntimeConfig;
import io.tradingrt.launcher.RuntimeVerticle;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * In-process tick-to-trade latency: the real ingest, signal, risk, execution and portfolio verticles on one Vert.x;
 * each fill's latency is its arrival time minus the planned send time of the tick that caused it (header
 * {@code tick-micros}), so a late feed or a pause counts against us instead of hiding (coordinated omission).
 * Usage: {@code java -cp benchmarks.jar io.tradingrt.bench.TickToTradeLatency [ticksPerSecond...] [--seconds N]
 * [--pacing timer|thread] [--event-loops N]}
 */
public final class TickToTradeLatency {

  public static void main(String[] args) throws Exception {
    io.tradingrt.launcher.Logging.configure();
    List<Long> rates = new java.util.ArrayList<>();
    int seconds = 20;
    String pacing = "timer";
    int eventLoops = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--pacing" -> pacing = args[++i];
        case "--event-loops" -> eventLoops = Integer.parseInt(args[++i]);
        default -> rates.add(Long.parseLong(args[i]));
      }
    }
    if (rates.isEmpty()) {
      rates = List.of(10_000L, 100_000L);
    }
    System.out.printf("%-10s %-7s %8s %9s %9s %9s %9s %9s%n", "ticks/s", "pacing", "fills", "p50 µs", "p99 µs",
        "p99.9 µs", "max µs", "sent/s");
    for (long rate : rates) {
      run(rate, seconds, pacing, eventLoops);
    }
    System.exit(0);
  }

  private static void run(long rate, int seconds, String pacing, int eventLoops) throws Exception {
    // eventLoops > 0 sets Vert.x's event-loop pool (the runtime takes it from -options); default 2 × cores
    Vertx vertx = eventLoops > 0 ? Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(eventLoops))
        : Vertx.vertx();
    Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    long[] window = {Long.MAX_VALUE, Long.MAX_VALUE};
    long[] ticks = {0};
    vertx.eventBus().<Fill>consumer(Addresses.EXEC_FILLS, m -> {
      long now = MicrosClock.SYSTEM.nowMicros();
      String planned = m.headers().get(Headers.TICK_MICROS);
      if (planned != null && now >= window[0] && now < window[1]) {
        histogram.recordValue(Math.max(0, now - Long.parseLong(planned)));
      }
    });
    vertx.eventBus().<io.tradingrt.codecs.TickBatch>consumer(Addresses.MD_TICKS, m -> {
      long now = MicrosClock.SYSTEM.nowMicros();
      if (now >= window[0] && now < window[1]) {
        ticks[0] += m.body().ticks().size();
      }
    });
    vertx.deployVerticle(new RuntimeVerticle(config(rate, pacing)))
        .await(60, TimeUnit.SECONDS);
    Thread.sleep(5_000);
    long start = MicrosClock.SYSTEM.nowMicros();
    window[0] = start;
    window[1] = start + seconds * 1_000_000L;
    Thread.sleep(seconds * 1_000L + 500);
    vertx.close().await(30, TimeUnit.SECONDS);
    System.out.printf("%-10d %-7s %8d %9d %9d %9d %9d %9d%n", rate, pacing, histogram.getTotalCount(),
        histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
        histogram.getValueAtPercentile(99.9), histogram.getMaxValue(), ticks[0] / seconds);
  }

  /** Loose risk limits and quick strategies on every symbol, so many ticks end in a fill. */
  private static RuntimeSettings config(long rate, String pacing) {
    JsonArray symbols = new JsonArray(List.of("AAPL", "MSFT", "GOOG", "AMZN", "TSLA"));
    return RuntimeConfig.load(new JsonObject()
        .put("roles", new JsonArray(List.of("portfolio", "execution", "risk", "signal", "ingest")))
        .put("persist", false)
        .put("ingest", new JsonObject().put("ticksPerSecond", rate).put("symbols", symbols).put("volatilityBps", 10)
            .put("pacing", pacing))
        .put("strategies", new JsonArray()
            .add(new JsonObject().put("name", "momentum").put("type", "ma-crossover").put("symbols", symbols)
                .put("fast", 2).put("slow", 5).put("quantity", "1"))
            .add(new JsonObject().put("name", "meanrev").put("type", "mean-reversion").put("symbols", symbols)
                .put("window", 10).put("entryZ", "1").put("exitZ", "0.2").put("quantity", "1")))
        .put("risk", new JsonObject().put("throttlePerStrategy", 0).put("throttleGlobal", 0)
            .put("maxPositionQuantity", "1000000").put("maxGrossExposure", "1000000000")
            .put("dailyLossLimit", "0").put("maxDrawdown", "0")), Map.of());
  }
}
