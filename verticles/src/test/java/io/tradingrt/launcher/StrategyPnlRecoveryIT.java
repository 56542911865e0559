package io.tradingrt.launcher;

import io.tradingrt.testing.RuntimeProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * P&L per strategy and per day survive a restart on the real jar: the default strategies trade (and an operator
 * flattens one of their positions, so strategies cross), the kill switch stops trading, and the restarted portfolio
 * rebuilds from the journal the same realized P&L, fees, fills, closes and wins for every strategy and day.
 */
class StrategyPnlRecoveryIT {
  private static final String TOKEN = "pnl-recovery-token";
  private static final List<String> FIGURES = List.of("realizedPnl", "fees", "trades", "closes", "wins");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void attributionIsRebuiltFromTheJournal(@TempDir Path dir) throws Exception {
    int port = freePort();
    String conf = "{\"roles\":[\"storage\",\"portfolio\",\"execution\",\"risk\",\"signal\",\"http\",\"ingest\"],"
        + "\"ingest\":{\"ticksPerSecond\":2000,\"volatilityBps\":20},"
        + "\"risk\":{\"dailyLossLimit\":\"0\",\"maxDrawdown\":\"0\"},"
        + "\"http\":{\"port\":" + port + ",\"tcpBridgePort\":" + freePort() + ",\"token\":\"" + TOKEN + "\"},"
        + "\"storage\":{\"path\":\"" + dir.resolve("rt.duckdb") + "\",\"retention\":{\"tierPath\":\""
        + dir.resolve("tiers") + "\"},\"backupRoot\":\"" + dir.resolve("backups") + "\"}}";
    Map<String, JsonObject> before;
    JsonArray daysBefore;
    try (RuntimeProcess first = start("pnl-first", dir, conf)) {
      JsonObject pnl = await(port, 90, p -> p.getJsonObject("total").getLong("trades") >= 20
          && p.getJsonObject("total").getLong("closes") >= 3);
      JsonArray strategies = pnl.getJsonArray("strategies");
      assertTrue(strategies.size() >= 2, "both default strategies traded: " + pnl.encode());
      flattenAPosition(port, strategies);
      assertEquals(200, post(port, "/api/risk/kill", "{\"reason\":\"StrategyPnlRecoveryIT\"}").statusCode());
      before = settled(port);
      daysBefore = get(port, "/api/pnl/daily?days=2").getJsonArray("days");
      first.terminate(Duration.ofSeconds(30));
    }
    try (RuntimeProcess second = start("pnl-second", dir, conf)) {
      assertEquals("HALTED", get(port, "/api/risk").getString("state"));
      Map<String, JsonObject> after = figures(get(port, "/api/pnl/strategies"));
      assertEquals(before, after, "every strategy's realized P&L, fees, fills, closes and wins after the restart");
      assertTrue(before.containsKey("manual"), "the operator's flatten is attributed to manual: " + before);
      assertEquals(daysBefore, get(port, "/api/pnl/daily?days=2").getJsonArray("days"));
      second.terminate(Duration.ofSeconds(30));
    }
  }

  /** An operator flattens the first open position a strategy holds, so two strategies share a symbol's history. */
  private void flattenAPosition(int port, JsonArray strategies) throws Exception {
    for (Object item : get(port, "/api/positions?limit=1000").getJsonArray("items")) {
      JsonObject position = (JsonObject) item;
      if (!"0".equals(position.getString("quantity"))) {
        HttpResponse<String> answer = post(port, "/api/positions/" + position.getString("symbol") + "/flatten", "");
        assertEquals(202, answer.statusCode(), answer.body());
        await(port, 10, p -> p.getJsonArray("strategies").stream()
            .anyMatch(s -> "manual".equals(((JsonObject) s).getString("strategy"))));
        return;
      }
    }
  }

  /** The figures once two reads a second apart agree: the kill switch canceled what was working. */
  private Map<String, JsonObject> settled(int port) throws Exception {
    Map<String, JsonObject> previous = figures(get(port, "/api/pnl/strategies"));
    for (int i = 0; i < 30; i++) {
      Thread.sleep(1_000);
      Map<String, JsonObject> now = figures(get(port, "/api/pnl/strategies"));
      if (now.equals(previous)) {
        return now;
      }
      previous = now;
    }
    throw new AssertionError("P&L per strategy kept changing after the kill switch: " + previous);
  }

  private static Map<String, JsonObject> figures(JsonObject pnl) {
    Map<String, JsonObject> out = new TreeMap<>();
    for (Object item : pnl.getJsonArray("strategies")) {
      JsonObject row = (JsonObject) item;
      JsonObject kept = new JsonObject();
      FIGURES.forEach(field -> kept.put(field, row.getValue(field)));
      out.put(row.getString("strategy"), kept);
    }
    return out;
  }

  private JsonObject await(int port, int seconds, java.util.function.Predicate<JsonObject> condition)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      last = get(port, "/api/pnl/strategies");
      if (condition.test(last)) {
        return last;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("not within " + seconds + " s: " + (last == null ? "no answer" : last.encode()));
  }

  private static RuntimeProcess start(String name, Path dir, String conf) throws Exception {
    RuntimeProcess process = RuntimeProcess.start(name, dir, Map.of(), "-conf", conf);
    process.awaitLine(l -> l.contains("runtime: started roles"), Duration.ofSeconds(120));
    return process;
  }

  private JsonObject get(int port, String path) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), () -> "GET " + path + ": " + response.body());
    return new JsonObject(response.body());
  }

  private HttpResponse<String> post(int port, String path, String json) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(15)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The ports this test may use beside others' runs: 19660–19679, each asked once, else any free one. */
  private static int nextPort = 19660;

  private static int freePort() throws IOException {
    while (nextPort <= 19679) {
      try (ServerSocket socket = new ServerSocket(nextPort++)) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // in use: the next one
      }
    }
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
