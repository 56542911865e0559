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
 * In-process tick-to-trade latency: the real ingest, signal, risk, execution and portfolio verticles on one Vert.x,
 * both figures side by side. Feed-to-fill: each fill's arrival minus the planned send time of the tick that caused
 * it (header {@code tick-micros}), so a late feed or a pause counts against us instead of hiding (coordinated
 * omission). In-runtime: each order's arrival at the broker ({@code broker-micros}) minus the moment its tick entered
 * the runtime ({@code ingest-micros}), read from the order's SUBMITTED event. Two order flows: {@code heavy} (quick
 * strategies on every symbol, several % of ticks end in a fill) and {@code realistic} (the default strategies with
 * their windows stretched by rate / 50, the defaults' order rate scaled to the tick rate).
 * Usage: {@code java -cp benchmarks.jar io.tradingrt.bench.TickToTradeLatency [ticksPerSecond...] [--seconds N]
 * [--pacing timer|thread] [--event-loops N] [--flow heavy|realistic]}
 */
public final class TickToTradeLatency {

  public static void main(String[] args) throws Exception {
    io.tradingrt.launcher.Logging.configure();
    List<Long> rates = new java.util.ArrayList<>();
    int seconds = 20;
    String pacing = "timer";
    int eventLoops = 0;
    String flow = "heavy";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--flow" -> flow = args[++i];
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--pacing" -> pacing = args[++i];
        case "--event-loops" -> eventLoops = Integer.parseInt(args[++i]);
        default -> rates.add(Long.parseLong(args[i]));
      }
    }
    if (rates.isEmpty()) {
      rates = List.of(10_000L, 100_000L);
    }
    System.out.printf("%-9s %-9s %-7s %-13s %8s %9s %9s %9s %9s %9s%n", "ticks/s", "flow", "pacing", "measure",
        "count", "p50 µs", "p99 µs", "p99.9 µs", "max µs", "sent/s");
    for (long rate : rates) {
      run(rate, seconds, pacing, eventLoops, flow);
    }
    System.exit(0);
  }

  private static void run(long rate, int seconds, String pacing, int eventLoops, String flow) throws Exception {
    // eventLoops > 0 sets Vert.x's event-loop pool (the runtime takes it from -options); default 2 × cores
    // the transport the runtime's launcher prefers (epoll), so the figures are the runtime's
    io.vertx.core.VertxOptions options = new io.vertx.core.VertxOptions().setPreferNativeTransport(true);
    Vertx vertx = Vertx.vertx(eventLoops > 0 ? options.setEventLoopPoolSize(eventLoops) : options);
    Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    Histogram inRuntime = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    long[] window = {Long.MAX_VALUE, Long.MAX_VALUE};
    long[] ticks = {0};
    vertx.eventBus().<Fill>consumer(Addresses.EXEC_FILLS, m -> {
      long now = MicrosClock.SYSTEM.nowMicros();
      String planned = m.headers().get(Headers.TICK_MICROS);
      if (planned != null && now >= window[0] && now < window[1]) {
        histogram.recordValue(Math.max(0, now - Long.parseLong(planned)));
      }
    });
    vertx.eventBus().<io.tradingrt.codecs.OrderEvent>consumer(Addresses.EXEC_EVENTS, m -> {
      String ingest = m.headers().get(Headers.INGEST_MICROS);
      String broker = m.headers().get(Headers.BROKER_MICROS);
      long now = MicrosClock.SYSTEM.nowMicros();
      if (ingest != null && broker != null && m.body().status() == io.tradingrt.codecs.OrderStatus.SUBMITTED
          && now >= window[0] && now < window[1]) {
        inRuntime.recordValue(Math.max(0, Long.parseLong(broker) - Long.parseLong(ingest)));
      }
    });
    vertx.eventBus().<io.tradingrt.codecs.TickBatch>consumer(Addresses.MD_TICKS, m -> {
      long now = MicrosClock.SYSTEM.nowMicros();
      if (now >= window[0] && now < window[1]) {
        ticks[0] += m.body().ticks().size();
      }
    });
    vertx.deployVerticle(new RuntimeVerticle(config(rate, pacing, flow)))
        .await(60, TimeUnit.SECONDS);
    Thread.sleep(5_000);
    long start = MicrosClock.SYSTEM.nowMicros();
    window[0] = start;
    window[1] = start + seconds * 1_000_000L;
    Thread.sleep(seconds * 1_000L + 500);
    vertx.close().await(30, TimeUnit.SECONDS);
    print(rate, flow, pacing, "feed-to-fill", histogram, ticks[0] / seconds);
    print(rate, flow, pacing, "in-runtime", inRuntime, ticks[0] / seconds);
  }

  private static void print(long rate, String flow, String pacing, String measure, Histogram h, long sentPerSecond) {
    System.out.printf("%-9d %-9s %-7s %-13s %8d %9d %9d %9d %9d %9d%n", rate, flow, pacing, measure, h.getTotalCount(),
        h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(),
        sentPerSecond);
  }

  /**
   * Loose risk limits; heavy: quick strategies on every symbol, so many ticks end in a fill; realistic: the default
   * strategies, windows stretched by rate / 50 (the defaults' rate).
   */
  private static RuntimeSettings config(long rate, String pacing, String flow) {
    JsonArray symbols = new JsonArray(List.of("AAPL", "MSFT", "GOOG", "AMZN", "TSLA"));
    long stretch = Math.max(1, rate / 50);
    JsonArray strategies = "realistic".equals(flow) ? new JsonArray()
        .add(new JsonObject().put("name", "momentum").put("type", "ma-crossover")
            .put("symbols", new JsonArray(List.of("AAPL", "MSFT", "GOOG"))).put("fast", 5 * stretch)
            .put("slow", 20 * stretch).put("quantity", "10"))
        .add(new JsonObject().put("name", "meanrev").put("type", "mean-reversion")
            .put("symbols", new JsonArray(List.of("AMZN", "TSLA"))).put("window", 30 * stretch).put("entryZ", "1.5")
            .put("exitZ", "0.3").put("quantity", "10"))
        : new JsonArray()
        .add(new JsonObject().put("name", "momentum").put("type", "ma-crossover").put("symbols", symbols)
            .put("fast", 2).put("slow", 5).put("quantity", "1"))
        .add(new JsonObject().put("name", "meanrev").put("type", "mean-reversion").put("symbols", symbols)
            .put("window", 10).put("entryZ", "1").put("exitZ", "0.2").put("quantity", "1"));
    return RuntimeConfig.load(new JsonObject()
        .put("roles", new JsonArray(List.of("portfolio", "execution", "risk", "signal", "ingest")))
        .put("persist", false)
        .put("ingest", new JsonObject().put("ticksPerSecond", rate).put("symbols", symbols).put("volatilityBps", 10)
            .put("pacing", pacing))
        .put("strategies", strategies)
        .put("risk", new JsonObject().put("throttlePerStrategy", 0).put("throttleGlobal", 0)
            .put("maxPositionQuantity", "1000000").put("maxGrossExposure", "1000000000")
            .put("dailyLossLimit", "0").put("maxDrawdown", "0")), Map.of());
  }
}
