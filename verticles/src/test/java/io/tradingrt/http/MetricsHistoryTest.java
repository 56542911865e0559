package io.tradingrt.http;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.MetricsSnapshot;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.launcher.RuntimeConfig;
import io.tradingrt.launcher.RuntimeVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** History comes from the real storage readers: what metrics.live streamed is what /api/metrics/history returns. */
@ExtendWith(VertxExtension.class)
class MetricsHistoryTest {

  @Test
  void historyReturnsTheStoredLiveSnapshotsOfTheRequestedWindow(Vertx vertx, @TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    RuntimeSettings config = RuntimeConfig.load(new JsonObject()
        .put("roles", new JsonArray(List.of("storage", "metrics", "http", "ingest")))
        .put("storage", new JsonObject().put("path", dir.resolve("h.duckdb").toString()).put("flushMillis", 50)
            .put("retention", new JsonObject().put("tierPath", dir.resolve("tiers").toString())))
        .put("metrics", new JsonObject().put("writerHealthIntervalMs", 200))
        .put("http", new JsonObject().put("port", port).put("token", "t")), Map.of());
    List<MetricsSnapshot> live = new CopyOnWriteArrayList<>();
    vertx.eventBus().<MetricsSnapshot>consumer(Addresses.METRICS_LIVE, m -> live.add(m.body()));
    vertx.deployVerticle(new RuntimeVerticle(config)).await(60, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    JsonObject body = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/api/metrics/history?minutes=5")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, response.statusCode(), response.body());
      body = new JsonObject(response.body());
      if (body.getJsonArray("items").size() >= 10) {
        break;
      }
      Thread.sleep(200);
    }
    JsonArray items = body.getJsonArray("items");
    assertTrue(items.size() >= 10, "stored snapshots come back: " + body.encode());
    long first = items.getJsonObject(0).getLong("tsMicros");
    long last = items.getJsonObject(items.size() - 1).getLong("tsMicros");
    assertTrue(first <= last, "oldest first");
    long streamedAt = live.get(0).tsMicros();
    assertTrue(first >= streamedAt - 1_000_000, "the window starts with this run, not the oldest rows ever");
    assertTrue(live.stream().anyMatch(m -> m.ticksTotal() > 0), "the feed is counted");
  }
}
