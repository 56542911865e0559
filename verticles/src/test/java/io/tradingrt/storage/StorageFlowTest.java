package io.tradingrt.storage;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Fill;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.launcher.RuntimeConfig;
import io.tradingrt.launcher.RuntimeVerticle;
import io.tradingrt.storage.database.DuckDb;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The storage role inside the running runtime: durable records reach the file, queries answer over the bus. */
@ExtendWith(VertxExtension.class)
class StorageFlowTest {

  @Test
  void fillsAndTicksArePersistedAndQueryableThroughTheReaders(Vertx vertx, @TempDir Path dir) throws Exception {
    Path db = dir.resolve("flow.duckdb");
    RuntimeSettings config = RuntimeConfig.load(new JsonObject()
        .put("roles", new JsonArray(List.of("storage", "portfolio", "execution", "risk", "signal", "ingest")))
        .put("ingest", new JsonObject().put("ticksPerSecond", 4000).put("volatilityBps", 20))
        .put("storage", new JsonObject().put("path", db.toString()).put("flushMillis", 50)
            .put("retention", new JsonObject().put("tierPath", dir.resolve("tiers").toString()))), Map.of());
    Set<String> fillIds = ConcurrentHashMap.newKeySet();
    vertx.eventBus().<Fill>consumer(Addresses.EXEC_FILLS, m -> fillIds.add(m.body().fillId()));
    String deployment = vertx.deployVerticle(new RuntimeVerticle(config))
        .await(60, TimeUnit.SECONDS);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (fillIds.size() < 5 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(fillIds.size() >= 5, "fills happen: " + fillIds.size());

    // ticks are committed in batches (flushMillis): the first fills can come before the first commit
    JsonObject ticks;
    do {
      ticks = vertx.eventBus().<JsonObject>request(Addresses.QUERY_LATEST_TICKS,
          new JsonObject().put("symbol", "AAPL").put("limit", 10)).await(10, TimeUnit.SECONDS).body();
    } while (ticks.getInteger("count") < 10 && System.nanoTime() < deadline && sleep(50));
    assertEquals(10, ticks.getInteger("count"), ticks.encode());
    var badQuery = vertx.eventBus().request(Addresses.QUERY_LATEST_TICKS, new JsonObject().put("limit", 10))
        .toCompletionStage().toCompletableFuture();
    var failure = assertThrowsCause(badQuery);
    assertTrue(failure.contains("symbol"), failure);
    JsonObject health = vertx.eventBus().<JsonObject>request(Addresses.STORAGE_HEALTH, "")
        .await(10, TimeUnit.SECONDS).body();
    assertTrue(health.getBoolean("ready"), health.encode());

    vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
    Set<String> stored;
    try (var c = DuckDb.open(db, "2GB", 2); var s = c.createStatement();
         var r = s.executeQuery("SELECT fill_id FROM trades")) {
      stored = new java.util.HashSet<>();
      while (r.next()) {
        stored.add(r.getString(1));
      }
    }
    Set<String> missing = fillIds.stream().filter(id -> !stored.contains(id)).collect(Collectors.toSet());
    assertTrue(missing.isEmpty(), "every published fill is in the trades table after an orderly stop: " + missing);
  }

  /**
   * In one process the writer's ticks consumer registers again once the order path runs
   * ({@code StorageWriterVerticle.REJOIN_TICKS}, so a tick wakes the order path's thread first): every tick the feed
   * publishes is still stored, once.
   */
  @Test
  void everyPublishedTickIsStoredOnceAfterTheWriterRejoinsTheTicks(Vertx vertx, @TempDir Path dir) throws Exception {
    Path db = dir.resolve("ticks.duckdb");
    RuntimeSettings config = RuntimeConfig.load(new JsonObject()
        .put("roles", new JsonArray(List.of("storage", "portfolio", "execution", "risk", "signal", "ingest")))
        .put("ingest", new JsonObject().put("ticksPerSecond", 2000))
        .put("storage", new JsonObject().put("path", db.toString()).put("flushMillis", 50)
            .put("retention", new JsonObject().put("tierPath", dir.resolve("tiers").toString()))), Map.of());
    java.util.concurrent.atomic.AtomicLong published = new java.util.concurrent.atomic.AtomicLong();
    vertx.eventBus().<io.tradingrt.codecs.TickBatch>consumer(Addresses.MD_TICKS,
        m -> published.addAndGet(m.body().ticks().size()));
    String deployment = vertx.deployVerticle(new RuntimeVerticle(config)).await(60, TimeUnit.SECONDS);
    Thread.sleep(2_000);
    vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
    long stored;
    try (var c = DuckDb.open(db, "2GB", 2); var s = c.createStatement();
         var r = s.executeQuery("SELECT count(*), count(DISTINCT (symbol, seq)) FROM market_ticks")) {
      r.next();
      stored = r.getLong(1);
      assertEquals(stored, r.getLong(2), "no tick is stored twice");
    }
    assertTrue(published.get() > 1_000, "the feed ran: " + published.get() + " ticks");
    assertEquals(published.get(), stored, "every published tick is stored");
  }

  private static String assertThrowsCause(java.util.concurrent.CompletableFuture<?> future) throws Exception {
    try {
      future.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause().getMessage();
    }
    throw new AssertionError("the query should have failed");
  }

  private static boolean sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return true;
  }
}
