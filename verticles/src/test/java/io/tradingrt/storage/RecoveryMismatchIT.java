package io.tradingrt.storage;

import io.tradingrt.testing.RuntimeProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real jar builds a book in several symbols and stops on SIGTERM; its database file is then tampered with by
 * hand. A restart on a file whose positions row or trades no longer agree with the journal's fold starts HALTED
 * with {@code RECOVERY_MISMATCH}, says which symbol differs by how much (log line at SEVERE, {@code /api/recovery},
 * {@code /api/risk}), denies orders and keeps serving; the untampered file restarts consistent and ACTIVE.
 */
class RecoveryMismatchIT {
  private static final String TOKEN = "change-me";
  private static final String RECOVERY_LINE = "RiskVerticle: recovery: ";
  private static final int TAMPER = 15;

  @TempDir
  static Path dir;
  private static Path pristine;
  /** The stored positions rows of the untampered file: symbol to quantity. */
  private static Map<String, BigDecimal> storedQuantities;

  /** The defaults, at a tick rate that makes fills frequent, until positions are open in at least three symbols. */
  @BeforeAll
  static void buildABook() throws Exception {
    Path db = dir.resolve("first").resolve("data").resolve("runtime.duckdb");
    int port = freePort();
    try (RuntimeProcess runtime = start("first", db, port)) {
      runtime.awaitLine(l -> l.contains("runtime: started roles"), Duration.ofSeconds(90));
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      int open = 0;
      while (open < 3 && System.nanoTime() < deadline) {
        Thread.sleep(1_000);
        try {
          JsonObject positions = getJson(port, "/api/positions?limit=1000");
          open = (int) positions.getJsonArray("items").stream().map(JsonObject.class::cast)
              .filter(p -> new BigDecimal(p.getString("quantity")).signum() != 0).count();
        } catch (HttpTimeoutException e) {
          // a loaded machine (the suite runs beside other jars): ask again until the deadline
        }
      }
      assertTrue(open >= 3, "positions open in at least three symbols within two minutes, got " + open);
      assertNotEquals(-1, runtime.terminate(Duration.ofSeconds(60)), "stopped on SIGTERM");
    }
    assertFalse(Files.exists(Path.of(db + ".wal")), "an orderly stop leaves everything checkpointed in the file");
    pristine = dir.resolve("pristine.duckdb");
    Files.copy(db, pristine);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + pristine)) {
      storedQuantities = quantities(c);
    }
    assertTrue(storedQuantities.values().stream().filter(q -> q.signum() != 0).count() >= 3,
        "the file holds positions rows in three symbols: " + storedQuantities);
  }

  @Test
  void anUntamperedRestartIsConsistentAndActive() throws Exception {
    Path db = copyOfPristine("control");
    int port = freePort();
    try (RuntimeProcess runtime = start("control", db, port)) {
      String line = recoveryLine(runtime);
      assertTrue(line.contains(" INFO " + RECOVERY_LINE + "recovered "), "logged at INFO: " + line);
      assertFalse(line.contains("mismatch"), line);
      JsonObject recovery = getJson(port, "/api/recovery");
      assertEquals(true, recovery.getBoolean("consistent"), recovery.encodePrettily());
      assertEquals(List.of(), recovery.getJsonArray("mismatches").getList(), recovery.encodePrettily());
      assertEquals("ACTIVE", recovery.getString("state"), recovery.encodePrettily());
      assertEquals(nonZero(storedQuantities), quantities(recovery.getJsonArray("positions")),
          "the rebuilt positions are the stored ones");
      assertEquals("ACTIVE", getJson(port, "/api/risk").getString("state"));
      assertEquals(true, health(port).getBoolean("consistent"));
      assertNotEquals(-1, runtime.terminate(Duration.ofSeconds(60)), "stopped on SIGTERM");
    }
  }

  @Test
  void aTamperedPositionsRowStartsHaltedNamingTheSymbolAndTheDifference() throws Exception {
    Path db = copyOfPristine("tampered-row");
    String symbol = storedQuantities.containsKey("AAPL") ? "AAPL" : storedQuantities.keySet().iterator().next();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
         PreparedStatement update = c.prepareStatement(
             "UPDATE positions SET quantity = quantity + " + TAMPER + " WHERE symbol = ?")) {
      update.setString(1, symbol);
      assertEquals(1, update.executeUpdate(), "one positions row tampered");
    }
    assertStartsHaltedNaming("tampered-row", db, symbol, "by " + TAMPER);
  }

  @Test
  void deletedTradesOfOneSymbolStartHaltedNamingTheSymbol() throws Exception {
    Path db = copyOfPristine("deleted-trades");
    String symbol = nonZero(storedQuantities).keySet().iterator().next();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
         PreparedStatement delete = c.prepareStatement("DELETE FROM trades WHERE symbol = ?")) {
      delete.setString(1, symbol);
      assertTrue(delete.executeUpdate() > 0, "the trades of " + symbol + " deleted");
    }
    assertStartsHaltedNaming("deleted-trades", db, symbol, "by " + storedQuantities.get(symbol).stripTrailingZeros()
        .toPlainString());
  }

  private static void assertStartsHaltedNaming(String name, Path db, String symbol, String difference)
      throws Exception {
    int port = freePort();
    try (RuntimeProcess runtime = start(name, db, port)) {
      String line = recoveryLine(runtime);
      assertTrue(line.contains(" SEVERE " + RECOVERY_LINE + "recovered "), "logged at SEVERE: " + line);
      assertTrue(line.contains("mismatches: ") && line.contains(symbol + ": "), "names " + symbol + ": " + line);
      assertTrue(line.contains(difference), "says " + difference + ": " + line);

      JsonObject recovery = getJson(port, "/api/recovery");
      assertEquals(false, recovery.getBoolean("consistent"), recovery.encodePrettily());
      assertEquals("HALTED", recovery.getString("state"), recovery.encodePrettily());
      List<String> sentences = recovery.getJsonArray("mismatches").stream().map(String.class::cast).toList();
      assertTrue(sentences.stream().anyMatch(s -> s.startsWith(symbol + ": ") && s.contains(difference)),
          "a mismatch sentence names " + symbol + " and " + difference + ": " + sentences);
      assertTrue(sentences.stream().allMatch(s -> s.startsWith(symbol + ": ")),
          "only the tampered symbol differs: " + sentences);
      assertEquals("RECOVERY_MISMATCH", recovery.getJsonObject("lastChange").getString("cause"),
          recovery.encodePrettily());

      // the HTTP role learns the restored state from the risk role once it is up: allow it a moment
      JsonObject risk = getJson(port, "/api/risk");
      for (int i = 0; i < 50 && !"HALTED".equals(risk.getString("state")); i++) {
        Thread.sleep(100);
        risk = getJson(port, "/api/risk");
      }
      assertEquals("HALTED", risk.getString("state"), risk.encodePrettily());
      assertEquals("RECOVERY_MISMATCH", risk.getJsonObject("lastChange").getString("cause"), risk.encodePrettily());
      assertTrue(risk.getJsonObject("lastChange").getString("message").contains(symbol), risk.encodePrettily());

      HttpResponse<String> order = post(port, "/api/orders", new JsonObject().put("clientOrderId", name + "-1")
          .put("symbol", symbol).put("side", "BUY").put("type", "MARKET").put("quantity", "1").encode());
      assertEquals(422, order.statusCode(), order.body());
      assertEquals("TRADING_HALTED", new JsonObject(order.body()).getJsonObject("error").getString("code"),
          order.body());

      JsonObject health = health(port);
      assertEquals(false, health.getBoolean("consistent"), health.encode());
      assertEquals("HALTED", health.getString("state"), health.encode());
      Thread.sleep(2_000);
      assertTrue(runtime.isAlive(), "the runtime keeps running, halted");
      assertEquals(200, get(port, "/health/live").statusCode());
      assertNotEquals(-1, runtime.terminate(Duration.ofSeconds(60)), "stopped on SIGTERM");
    }
  }

  private static RuntimeProcess start(String name, Path db, int port) throws Exception {
    Files.createDirectories(db.getParent());
    return RuntimeProcess.start(name, db.getParent().getParent(), Map.of("TRT_DB_PATH", db.toString(),
        "TRT_HTTP_PORT", Integer.toString(port), "TRT_TCP_BRIDGE_PORT", Integer.toString(freePort()),
        "TRT_TICKS_PER_SECOND", "2000"));
  }

  /** The recovery line, once the runtime serves HTTP. */
  private static String recoveryLine(RuntimeProcess runtime) throws InterruptedException {
    runtime.awaitLine(l -> l.contains("runtime: started roles"), Duration.ofSeconds(90));
    Predicate<String> recovery = l -> l.contains(RECOVERY_LINE);
    return runtime.awaitLine(recovery, Duration.ofSeconds(5));
  }

  private static Path copyOfPristine(String name) throws Exception {
    Path db = dir.resolve(name).resolve("data").resolve("runtime.duckdb");
    Files.createDirectories(db.getParent());
    Files.copy(pristine, db);
    return db;
  }

  private static Map<String, BigDecimal> quantities(Connection c) throws SQLException {
    Map<String, BigDecimal> rows = new TreeMap<>();
    try (var s = c.createStatement(); ResultSet r = s.executeQuery("SELECT symbol, quantity FROM positions")) {
      while (r.next()) {
        rows.put(r.getString(1), r.getBigDecimal(2).stripTrailingZeros());
      }
    }
    return rows;
  }

  private static Map<String, BigDecimal> quantities(JsonArray positions) {
    Map<String, BigDecimal> rows = new TreeMap<>();
    positions.stream().map(JsonObject.class::cast)
        .forEach(p -> rows.put(p.getString("symbol"), new BigDecimal(p.getString("quantity")).stripTrailingZeros()));
    return rows;
  }

  private static Map<String, BigDecimal> nonZero(Map<String, BigDecimal> quantities) {
    Map<String, BigDecimal> open = new TreeMap<>();
    quantities.forEach((symbol, quantity) -> {
      if (quantity.signum() != 0) {
        open.put(symbol, quantity);
      }
    });
    return open;
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject getJson(int port, String path) throws Exception {
    HttpResponse<String> response = get(port, path);
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return new JsonObject(response.body());
  }

  /** {@code /health}'s recovery check; the status code says whether the node is healthy, which is not asked here. */
  private static JsonObject health(int port) throws Exception {
    return new JsonObject(get(port, "/health").body()).getJsonObject("checks").getJsonObject("recovery");
  }

  private static HttpResponse<String> post(int port, String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
