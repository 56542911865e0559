package io.tradingrt.venue;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.testing.RuntimeProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real runtime jar with {@code execution.venue = fix} against the real FIX 4.4 acceptor of {@link FixVenue} on
 * loopback (both sides validate every message against the FIX 4.4 data dictionary). The venue's maker quotes are
 * scripted here ({@link FixVenue#quote}), so each fill is one the test caused: a market order larger than the maker's
 * size fills in parts over three quotes; a limit rests, then fills when a quote crosses it; a cancel; a venue reject;
 * then the connection is cut while an order works and the venue fills it meanwhile, and after the reconnect and the
 * resend the fill is applied once; then the runtime is killed with an order working, the venue fills it while the
 * runtime is down, and after the restart the book equals the venue's, no fill twice.
 */
class FixVenueIT {
  private static final int FIX_PORT = 19879;
  private static final int HTTP_PORT = 19571;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void ordersLiveTheirWholeLifeOnAFixVenueAcrossADisconnectAndARestart(@TempDir Path dir) throws Exception {
    var defaults = RuntimeSettings.defaults();
    var venueSettings = new io.tradingrt.config.VenueSettings(FIX_PORT, "VENUE", 10, Fixed.of(10), Fixed.of(5), 0,
        dir.resolve("venue").toString());
    String conf = orderEntry(dir);
    try (FixVenue venue = new FixVenue(venueSettings, List.of("AAPL"), 7, defaults.ingest().startPrice())) {
      venue.start(false);
      venue.quote("AAPL", Fixed.of("100.00"), Fixed.of("100.10"));
      RuntimeProcess runtime = RuntimeProcess.start("fix-rt", dir, Map.of(), "-conf", conf);
      try {
        runtime.awaitLine(l -> l.contains("FIX session") && l.contains("logged on"), Duration.ofSeconds(90));
        runtime.awaitLine(l -> l.contains("runtime: started roles"), Duration.ofSeconds(60));

        // a market order of 25 against a maker of 10: 10 now, 10 and 5 at the next two quotes
        post("m1", "BUY", "MARKET", "25", null);
        awaitStatus("m1", "PARTIALLY_FILLED");
        venue.quote("AAPL", Fixed.of("100.01"), Fixed.of("100.11"));
        venue.quote("AAPL", Fixed.of("100.02"), Fixed.of("100.12"));
        JsonObject m1 = awaitStatus("m1", "FILLED");
        assertEquals(0, Fixed.of("25").compareTo(Fixed.of(m1.getString("filledQuantity"))));
        assertEquals(3, fillsOf("m1").size(), "three partial fills, one per quote");

        // a limit below the market rests, then fills when the maker's bid/ask crosses it
        post("l1", "BUY", "LIMIT", "5", "99.50");
        awaitStatus("l1", "ACCEPTED");
        venue.quote("AAPL", Fixed.of("99.40"), Fixed.of("99.45"));
        awaitStatus("l1", "FILLED");
        assertEquals("99.45", fillsOf("l1").get(0).getString("price"), "filled at the maker's better price");

        // cancel a resting order; a venue reject (its lot is 5) comes back with the venue's words
        post("c1", "SELL", "LIMIT", "5", "120");
        awaitStatus("c1", "ACCEPTED");
        assertEquals(200, HTTP.send(request("/api/orders/c1").DELETE().build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() / 100 * 100);
        awaitStatus("c1", "CANCELED");
        post("r1", "BUY", "MARKET", "3", null);
        JsonObject r1 = awaitStatus("r1", "REJECTED");
        assertEquals("VENUE_REJECTED", r1.getString("reasonCode"));
        assertTrue(r1.getString("message").contains("multiple of 5"), r1.encode());

        // cut the connection while an order works; the venue fills it meanwhile; reconnect + resend: applied once
        post("d1", "SELL", "LIMIT", "10", "101");
        awaitStatus("d1", "ACCEPTED");
        venue.dropConnections();
        runtime.awaitLine(l -> l.contains("logged out"), Duration.ofSeconds(10));
        venue.quote("AAPL", Fixed.of("101.20"), Fixed.of("101.30"));
        awaitStatus("d1", "FILLED");
        assertEquals(1, fillsOf("d1").size(), "the resent fill is applied once");
        runtime.awaitLine(l -> l.contains("reconciled") || l.contains("reconciling 0"), Duration.ofSeconds(10));

        // kill -9 with an order working; the venue fills it while the runtime is down; restart
        post("k1", "BUY", "LIMIT", "10", "98");
        awaitStatus("k1", "ACCEPTED");
        runtime.kill9();
        venue.quote("AAPL", Fixed.of("97.80"), Fixed.of("97.90"));
        assertEquals(0, Fixed.of(10).compareTo(venue.status("k1").cumQty()), "the venue filled k1 while we were down");
      } finally {
        runtime.close();
      }
      RuntimeProcess again = RuntimeProcess.start("fix-rt-2", dir, Map.of(), "-conf", conf);
      try {
        again.awaitLine(l -> l.contains("FIX session") && l.contains("logged on"), Duration.ofSeconds(90));
        again.awaitLine(l -> l.contains("runtime: started roles"), Duration.ofSeconds(60));
        awaitStatus("k1", "FILLED");
        assertEquals(1, fillsOf("k1").size(), "the fill made while the runtime was down is applied once");
        Set<String> ids = new HashSet<>();
        for (Object t : trades()) {
          assertTrue(ids.add(((JsonObject) t).getString("fillId")), "no fill twice: " + t);
        }
        // the book equals the venue's: +25 +5 -10 +10 = 30 AAPL (the stored positions row follows the fill's commit)
        JsonObject position = await("the AAPL position of 30", () -> positions().stream().map(JsonObject.class::cast)
            .filter(p -> "AAPL".equals(p.getString("symbol"))
                && Fixed.of(30).compareTo(Fixed.of(p.getString("quantity"))) == 0).findFirst().orElse(null));
        assertEquals(0, Fixed.of(30).compareTo(Fixed.of(position.getString("quantity"))), position.encode());
      } finally {
        again.close();
      }
    }
  }

  /**
   * A working order the venue lost (as a venue that restarted without its state would) is a difference no resend can
   * explain: at the next logon the reconciliation halts trading with {@code RECONCILIATION_MISMATCH}, naming the order,
   * and new orders are denied until an operator resumes.
   */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aWorkingOrderTheVenueLostHaltsTradingAtTheNextLogon(@TempDir Path dir) throws Exception {
    var defaults = RuntimeSettings.defaults();
    var venueSettings = new io.tradingrt.config.VenueSettings(FIX_PORT, "VENUE", 10, Fixed.of(10), Fixed.ONE, 0,
        dir.resolve("venue").toString());
    String conf = orderEntry(dir);
    try (FixVenue venue = new FixVenue(venueSettings, List.of("AAPL"), 7, defaults.ingest().startPrice());
         RuntimeProcess runtime = RuntimeProcess.start("fix-lost", dir, Map.of(), "-conf", conf)) {
      venue.start(false);
      venue.quote("AAPL", Fixed.of("100.00"), Fixed.of("100.10"));
      runtime.awaitLine(l -> l.contains("FIX session") && l.contains("logged on"), Duration.ofSeconds(90));
      runtime.awaitLine(l -> l.contains("runtime: started roles"), Duration.ofSeconds(60));
      post("w1", "BUY", "LIMIT", "3", "99");
      awaitStatus("w1", "ACCEPTED");
      assertEquals("ACTIVE", get("/api/risk").getString("state"));

      assertTrue(venue.forget("w1"));
      venue.dropConnections();
      JsonObject risk = await("the reconciliation halt", () -> {
        JsonObject r = get("/api/risk");
        JsonObject last = r.getJsonObject("lastChange");
        return "HALTED".equals(r.getString("state")) && last != null
            && "RECONCILIATION_MISMATCH".equals(last.getString("cause")) ? r : null;
      }, 30);
      String message = risk.getJsonObject("lastChange").getString("message");
      assertTrue(message.contains("does not know working order w1"), risk.encode());

      JsonObject order = new JsonObject().put("clientOrderId", "w2").put("symbol", "AAPL").put("side", "BUY")
          .put("type", "LIMIT").put("quantity", "1").put("limitPrice", "99").put("timeInForce", "GTC");
      HttpResponse<String> denied = HTTP.send(request("/api/orders").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(order.encode())).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(422, denied.statusCode(), denied.body());
      assertEquals("TRADING_HALTED", new JsonObject(denied.body()).getJsonObject("error").getString("code"));
    }
  }

  /** The venue's market data is the runtime's feed: its ticks drive the default strategies, whose orders fill there. */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void theVenuesMarketDataDrivesTheStrategiesToTradeOnTheVenue(@TempDir Path dir) throws Exception {
    var defaults = RuntimeSettings.defaults();
    var venueSettings = new io.tradingrt.config.VenueSettings(FIX_PORT, "VENUE", 200, Fixed.of(100), Fixed.ONE, 0,
        dir.resolve("venue").toString());
    String conf = new JsonObject()
        .put("ingest", new JsonObject().put("feed", "fix"))
        .put("execution", new JsonObject().put("venue", "fix"))
        .put("fix", new JsonObject().put("port", FIX_PORT).put("reconnectSeconds", 1)
            .put("storePath", dir.resolve("fix").toString()))
        .put("storage", new JsonObject().put("path", dir.resolve("rt.duckdb").toString()))
        .put("http", new JsonObject().put("port", HTTP_PORT).put("tcpBridgePort", HTTP_PORT + 1))
        .encode();
    try (FixVenue venue = new FixVenue(venueSettings, defaults.ingest().symbols(), 11,
        defaults.ingest().startPrice())) {
      venue.start();
      try (RuntimeProcess runtime = RuntimeProcess.start("fix-md", dir, Map.of(), "-conf", conf)) {
        runtime.awaitLine(l -> l.contains("market data session logged on"), Duration.ofSeconds(90));
        runtime.awaitLine(l -> l.contains("runtime: started roles"), Duration.ofSeconds(60));
        JsonObject fill = await("a strategy's fill from the venue", () -> trades().stream()
            .map(JsonObject.class::cast).filter(t -> t.getString("fillId").startsWith("fix-")
                && !"manual".equals(t.getString("strategy"))).findFirst().orElse(null), 90);
        assertTrue(defaults.strategyNames().contains(fill.getString("strategy")), fill.encode());
        JsonObject ticks = get("/api/metrics/market-data?symbol=" + fill.getString("symbol"));
        assertTrue(ticks.encode().contains(fill.getString("symbol")), "the venue's quotes arrived as ticks: " + ticks);
      }
    }
  }

  /** No strategies, AAPL only, FIX execution against the venue on loopback: every order is one the test sends. */
  private static String orderEntry(Path dir) {
    return new JsonObject()
        .put("strategies", new JsonArray())
        .put("ingest", new JsonObject().put("symbols", new JsonArray(List.of("AAPL"))).put("ticksPerSecond", 20))
        .put("execution", new JsonObject().put("venue", "fix"))
        .put("fix", new JsonObject().put("port", FIX_PORT).put("reconnectSeconds", 1).put("heartbeatSeconds", 5)
            .put("storePath", dir.resolve("fix").toString()))
        .put("storage", new JsonObject().put("path", dir.resolve("rt.duckdb").toString()))
        .put("http", new JsonObject().put("port", HTTP_PORT).put("tcpBridgePort", HTTP_PORT + 1))
        .encode();
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path))
        .header("Authorization", "Bearer change-me").timeout(Duration.ofSeconds(10));
  }

  private static void post(String id, String side, String type, String quantity, String price) throws Exception {
    JsonObject order = new JsonObject().put("clientOrderId", id).put("symbol", "AAPL").put("side", side)
        .put("type", type).put("quantity", quantity).put("timeInForce", "GTC");
    if (price != null) {
      order.put("limitPrice", price);
    }
    HttpResponse<String> answer = HTTP.send(request("/api/orders").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(order.encode())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(201, answer.statusCode(), answer.body());
  }

  private static JsonObject awaitStatus(String id, String status) throws Exception {
    return await("order " + id + " " + status, () -> {
      for (Object o : get("/api/orders?limit=200").getJsonArray("items")) {
        JsonObject order = (JsonObject) o;
        if (id.equals(order.getString("clientOrderId")) && status.equals(order.getString("status"))) {
          return order;
        }
      }
      return null;
    });
  }

  private static List<JsonObject> fillsOf(String id) throws Exception {
    return trades().stream().map(JsonObject.class::cast).filter(t -> id.equals(t.getString("clientOrderId")))
        .toList();
  }

  private static JsonArray trades() throws Exception {
    return get("/api/trades?limit=500").getJsonArray("items");
  }

  private static JsonArray positions() throws Exception {
    return get("/api/positions").getJsonArray("items");
  }

  private static JsonObject get(String path) throws Exception {
    HttpResponse<String> answer = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    return answer.statusCode() == 200 ? new JsonObject(answer.body()) : new JsonObject().put("items", new JsonArray());
  }

  private interface Probe<T> {
    T get() throws Exception;
  }

  private static <T> T await(String what, Probe<T> probe) throws Exception {
    return await(what, probe, 20);
  }

  private static <T> T await(String what, Probe<T> probe, long seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what);
  }
}
