package io.tradingrt.bench;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.codecs.wire.ContractCodecs;
import io.tradingrt.config.ConfigLoader;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.ingest.SimulatedFeed;
import io.tradingrt.launcher.RuntimeConfig;
import io.tradingrt.launcher.RuntimeVerticle;
import io.tradingrt.storage.database.DuckDb;
import io.tradingrt.storage.schema.Migrations;
import io.tradingrt.storage.writer.StorageWriter;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * End-to-end storage figures, side by side in one JVM (run by scripts/bench.sh):
 * 1. committed ticks/s of the storage role fed over the event bus vs. a raw appender loop on the same schema;
 * 2. ticks/s persisted with the full pipeline (feed → bus → writer, strategies and risk live) at given rates;
 * 3. on 10 M stored ticks, query latency through the bus: latest 1000 ticks, 1-minute bars of a symbol-day, VWAP.
 * System properties: {@code parts} (default 123), {@code rates} (part 2), {@code scaleStrategies} (part 2: stretch
 * the strategies' windows with the rate), {@code ratioTicks}, {@code queryTicks}.
 */
public final class StorageBenchmark {
  private static final int BATCH = 500;

  public static void main(String[] args) throws Exception {
    io.tradingrt.launcher.Logging.configure();
    Path dir = Files.createTempDirectory("storage-bench");
    long ratioTicks = Long.getLong("ratioTicks", 3_000_000L);
    long queryTicks = Long.getLong("queryTicks", 10_000_000L);
    long[] rates = Arrays.stream(System.getProperty("rates", "200000,500000,1000000").split(","))
        .mapToLong(Long::parseLong).toArray();
    String parts = System.getProperty("parts", "123");
    List<List<Tick>> batches = parts.contains("1") ? batches(1_000_000, 50, 1_000) : List.of();

    if (parts.contains("1")) {
      ratio(dir, batches, ratioTicks);
    }
    if (parts.contains("2")) {
      System.out.println("== 2. full pipeline persisted ticks/s (20 s each)");
      for (long rate : rates) {
        pipeline(dir.resolve("pipeline-" + rate + ".duckdb"), rate, 20);
      }
    }
    if (parts.contains("3")) {
      System.out.println("== 3. queries through the bus on " + queryTicks + " stored ticks (50 symbols, 40 ms apart)");
      Path big = dir.resolve("big.duckdb");
      queries(big, loadTicks(big, queryTicks));
    }
    System.exit(0);
  }

  private static void ratio(Path dir, List<List<Tick>> batches, long ratioTicks) throws Exception {
    System.out.println("== 1. writer fed over the bus vs raw appender loop (" + ratioTicks + " ticks, 3 rounds)");
    List<Double> ratios = new ArrayList<>();
    for (int round = 1; round <= 3; round++) {
      double raw = rawAppender(dir.resolve("raw-" + round + ".duckdb"), batches, ratioTicks);
      double bus = busFedWriter(dir.resolve("bus-" + round + ".duckdb"), batches, ratioTicks);
      ratios.add(bus / raw);
      System.out.printf("round %d: raw appender %,.0f ticks/s, storage role via bus %,.0f ticks/s, ratio %.2f%n",
          round, raw, bus, bus / raw);
    }
    System.out.printf("median ratio %.2f%n", median(ratios));
  }

  private static List<List<Tick>> batches(int ticks, int symbols, long spacingMicros) {
    List<String> names = IntStream.range(0, symbols).mapToObj(i -> "S" + i).toList();
    SimulatedFeed feed = new SimulatedFeed(names, 7, Fixed.of(100), 5, 2);
    List<List<Tick>> batches = new ArrayList<>();
    long ts = 1_700_000_000_000_000L;
    for (int i = 0; i < ticks; i += BATCH) {
      List<Tick> batch = new ArrayList<>(BATCH);
      for (int j = 0; j < BATCH; j++) {
        batch.add(feed.next(ts += spacingMicros));
      }
      batches.add(List.copyOf(batch));
    }
    return batches;
  }

  private static double rawAppender(Path file, List<List<Tick>> batches, long total) {
    try (var connection = DuckDb.open(file, "4GB", 2)) {
      Migrations.fromClasspath().apply(connection);
      StorageWriter writer = new StorageWriter(connection, MicrosClock.SYSTEM);
      long start = System.nanoTime();
      long rows = 0;
      for (int i = 0; rows < total; i++) {
        writer.appendTicks(batches.get(i % batches.size()));
        rows += BATCH;
        if (writer.flushDue(100_000, Long.MAX_VALUE)) {
          writer.flush();
        }
      }
      writer.flush();
      double seconds = (System.nanoTime() - start) / 1e9;
      writer.close();
      return rows / seconds;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static double busFedWriter(Path file, List<List<Tick>> batches, long total) throws Exception {
    Vertx vertx = Vertx.vertx();
    ContractCodecs.register(vertx);
    RuntimeSettings config = RuntimeConfig.load(new JsonObject().put("roles", new JsonArray().add("storage"))
        .put("storage", new JsonObject().put("path", file.toString()).put("flushRows", 100_000)
            .put("flushMillis", 1_000).put("queueCapacity", 4_000_000).put("memoryLimit", "4GB")
            .put("retention", new JsonObject().put("tierPath", file.resolveSibling("tiers").toString()))), Map.of());
    vertx.deployVerticle(new RuntimeVerticle(config)).await(60, TimeUnit.SECONDS);
    long start = System.nanoTime();
    long published = 0;
    for (int i = 0; published < total; i++) {
      // stay under the queue bound: the figure is the writer's throughput, not how many rows a full queue drops
      while (published - committed(vertx) > 2_000_000) {
        Thread.sleep(1);
      }
      vertx.eventBus().publish(Addresses.MD_TICKS, new TickBatch(batches.get(i % batches.size())));
      published += BATCH;
    }
    while (committed(vertx) < total) {
      Thread.sleep(1);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    JsonObject health = health(vertx);
    vertx.close().await(60, TimeUnit.SECONDS);
    if (health.getLong("droppedRows") > 0) {
      System.out.println("  (dropped " + health.getLong("droppedRows") + " rows)");
    }
    return total / seconds;
  }

  private static long committedCache;
  private static long committedAt;

  private static long committed(Vertx vertx) throws Exception {
    if (System.nanoTime() - committedAt > 5_000_000) {
      committedCache = health(vertx).getLong("rowsCommitted");
      committedAt = System.nanoTime();
    }
    return committedCache;
  }

  private static JsonObject health(Vertx vertx) throws Exception {
    return vertx.eventBus().<JsonObject>request(Addresses.STORAGE_HEALTH, "",
        new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(120_000)).await(130, TimeUnit.SECONDS).body();
  }

  private static void pipeline(Path file, long rate, int seconds) throws Exception {
    Vertx vertx = Vertx.vertx();
    JsonObject root = new JsonObject()
        .put("roles", new JsonArray(List.of("storage", "portfolio", "execution", "risk", "signal", "bars", "ingest")))
        .put("ingest", new JsonObject().put("ticksPerSecond", rate).put("batchSize", 1000));
    if (Boolean.getBoolean("scaleStrategies")) {
      // the default strategies are sized for 50 ticks/s; stretch their windows with the rate so they trade about as
      // often per second as at the default rate, and the figure is the tick path's, not an order flood's
      long scale = Math.max(1, rate / 50);
      JsonArray strategies = new JsonObject(ConfigLoader.defaults()).getJsonArray("strategies");
      for (Object entry : strategies) {
        JsonObject strategy = (JsonObject) entry;
        for (String key : List.of("fast", "slow", "window")) {
          if (strategy.containsKey(key)) {
            strategy.put(key, strategy.getInteger(key) * scale);
          }
        }
      }
      root.put("strategies", strategies);
    }
    RuntimeSettings config = RuntimeConfig.load(root
        .put("storage", new JsonObject().put("path", file.toString()).put("flushRows", 100_000)
            .put("flushMillis", 500).put("queueCapacity", 4_000_000).put("memoryLimit", "4GB")
            .put("retention", new JsonObject().put("tierPath", file.resolveSibling("tiers").toString()))), Map.of());
    vertx.deployVerticle(new RuntimeVerticle(config)).await(60, TimeUnit.SECONDS);
    Thread.sleep(3_000);
    JsonObject before = health(vertx);
    Thread.sleep(seconds * 1_000L);
    JsonObject after = health(vertx);
    vertx.close().await(60, TimeUnit.SECONDS);
    double persisted = (after.getLong("rowsCommitted") - before.getLong("rowsCommitted")) / (double) seconds;
    long dropped = after.getLong("droppedRows") - before.getLong("droppedRows");
    System.out.printf("rate %,d ticks/s: persisted %,.0f rows/s, dropped %,d rows, queue at end %,d rows%n", rate,
        persisted, dropped, after.getLong("queuedRows"));
  }

  private static long loadTicks(Path file, long total) throws Exception {
    List<List<Tick>> batches = batches((int) Math.min(total, 2_000_000), 50, 40_000);
    long spanMicros = batches.size() * (long) BATCH * 40_000;
    try (var connection = DuckDb.open(file, "4GB", 2)) {
      Migrations.fromClasspath().apply(connection);
      StorageWriter writer = new StorageWriter(connection, MicrosClock.SYSTEM);
      long rows = 0;
      for (int round = 0; rows < total; round++) {
        long shift = round * spanMicros;
        for (List<Tick> batch : batches) {
          if (rows >= total) {
            break;
          }
          writer.appendTicks(round == 0 ? batch : batch.stream().map(t -> new Tick(t.symbol(), t.tsMicros() + shift,
              t.bid(), t.ask(), t.bidSize(), t.askSize(), t.last(), t.lastSize(), t.seq())).toList());
          rows += batch.size();
          if (writer.flushDue(200_000, Long.MAX_VALUE)) {
            writer.flush();
          }
        }
      }
      writer.close();
      return rows;
    }
  }

  private static void queries(Path file, long rows) throws Exception {
    Vertx vertx = Vertx.vertx();
    RuntimeSettings config = RuntimeConfig.load(new JsonObject().put("roles", new JsonArray().add("storage"))
        .put("storage", new JsonObject().put("path", file.toString()).put("memoryLimit", "4GB")
            .put("retention", new JsonObject().put("tierPath", file.resolveSibling("tiers").toString()))), Map.of());
    vertx.deployVerticle(new RuntimeVerticle(config)).await(60, TimeUnit.SECONDS);
    long day = 1_700_000_000_000_000L / 86_400_000_000L * 86_400_000_000L + 86_400_000_000L;
    time(vertx, "latest 1000 ticks of a symbol", Addresses.QUERY_LATEST_TICKS,
        new JsonObject().put("symbol", "S7").put("limit", 1000));
    time(vertx, "1-minute bars, one symbol-day", Addresses.QUERY_BARS, new JsonObject().put("symbol", "S7")
        .put("timeframe", "1m").put("from", day).put("to", day + 86_400_000_000L));
    time(vertx, "VWAP per symbol, all ticks", Addresses.QUERY_VWAP, new JsonObject());
    vertx.close().await(60, TimeUnit.SECONDS);
  }

  private static void time(Vertx vertx, String what, String address, JsonObject params) throws Exception {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < 33; i++) {
      long start = System.nanoTime();
      vertx.eventBus().request(address, params).await(60, TimeUnit.SECONDS);
      if (i >= 3) {
        millis.add((System.nanoTime() - start) / 1e6);
      }
    }
    millis.sort(Double::compare);
    System.out.printf("%-34s median %7.1f ms   p99 %7.1f ms   (30 runs after 3 warm-up)%n", what, median(millis),
        millis.get((int) Math.ceil(millis.size() * 0.99) - 1));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    return sorted.get(sorted.size() / 2);
  }
}
