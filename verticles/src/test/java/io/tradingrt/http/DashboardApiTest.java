package io.tradingrt.http;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Fixed;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

import static io.tradingrt.http.EdgeStack.TOKEN;
import static io.tradingrt.http.EdgeStack.eventually;
import static io.tradingrt.http.RestClient.assertError;
import static io.tradingrt.http.RestClient.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The REST contract of the dashboard's reads and of flatten against the real trading verticles: P&L per strategy and
 * per day, limit usage rising with orders, denials by reason, flatten, logs, latency histograms, instruments and
 * timeframes, and the bus addresses that stream them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardApiTest {
  private static final String ORDER = """
      {"symbol":"%s","side":"%s","type":"MARKET","quantity":"%s"}""";

  private EdgeStack stack;
  private RestClient rest;
  private final List<JsonObject> strategiesStream = new CopyOnWriteArrayList<>();
  private final List<JsonObject> limitsStream = new CopyOnWriteArrayList<>();
  private final List<JsonObject> logsStream = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() {
    stack = EdgeStack.start().http(new JsonObject()).metrics().trading(200);
    rest = new RestClient(stack.vertx, stack.httpPort());
    stack.vertx.eventBus().<JsonObject>consumer(Addresses.PORTFOLIO_STRATEGIES, m -> strategiesStream.add(m.body()));
    stack.vertx.eventBus().<JsonObject>consumer(Addresses.RISK_LIMITS, m -> limitsStream.add(m.body()));
    stack.vertx.eventBus().<JsonObject>consumer(Addresses.LOGS_TAIL, m -> logsStream.add(m.body()));
    eventually(10, "quotes for every symbol", () -> stack.symbols().stream().allMatch(symbol ->
        rest.get("/api/metrics/market-data?symbol=" + symbol).bodyAsJsonObject().containsKey("bid")));
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  private static String order(String symbol, String side, String quantity) {
    return ORDER.formatted(symbol, side, quantity);
  }

  @Test
  void pnlPerStrategyFollowsTheFillsAndSumsToTheTotal() {
    assertOk(rest.post("/api/orders", TOKEN, order("AAPL", "BUY", "3").replace("}", ",\"strategy\":\"desk-a\"}")), 201);
    assertOk(rest.post("/api/orders", TOKEN, order("AAPL", "SELL", "1").replace("}", ",\"strategy\":\"desk-b\"}")),
        201);
    eventually(5, "both strategies in /api/pnl/strategies", () -> strategies().size() >= 2
        && strategy("desk-b") != null && strategy("desk-b").getLong("trades") == 1);
    JsonObject body = assertOk(rest.get("/api/pnl/strategies"), 200);
    assertTrue(body.getLong("tsMicros") > 0);
    JsonObject a = strategy("desk-a");
    assertEquals(1, a.getLong("trades"));
    for (String field : List.of("realizedPnl", "unrealizedPnl", "fees", "netPnl")) {
      assertTrue(a.getValue(field) instanceof String, field + " is a decimal string: " + a.encode());
      Fixed sum = Fixed.ZERO;
      for (Object row : body.getJsonArray("strategies")) {
        sum = sum.plus(Fixed.of(((JsonObject) row).getString(field)));
      }
      assertEquals(Fixed.of(body.getJsonObject("total").getString(field)), sum, field + " sums to the total");
    }
    assertTrue(Fixed.of(a.getString("fees")).isPositive(), "a paper fill pays a fee");
    assertFalse(body.getJsonObject("total").containsKey("strategy"));
    assertTrue(body.getJsonObject("total").getValue("winRate") instanceof Number);
    JsonObject b = strategy("desk-b");
    assertEquals(1, b.getLong("closes"), "desk-b's sell reduced the account's long: a close");
    eventually(3, "portfolio.strategies streamed", () -> strategiesStream.stream().anyMatch(s -> s.getJsonArray(
        "strategies").stream().anyMatch(r -> "desk-b".equals(((JsonObject) r).getString("strategy")))));
  }

  @Test
  void dailyPnlHasOneRowPerDayEndingToday() {
    assertOk(rest.post("/api/orders", TOKEN, order("GOOG", "BUY", "1")), 201);
    eventually(5, "today's trades", () -> {
      JsonArray days = assertOk(rest.get("/api/pnl/daily?days=3"), 200).getJsonArray("days");
      return days.getJsonObject(2).getLong("trades") > 0;
    });
    JsonArray days = assertOk(rest.get("/api/pnl/daily?days=3"), 200).getJsonArray("days");
    assertEquals(3, days.size());
    assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), days.getJsonObject(2).getString("date"));
    assertEquals(LocalDate.now(ZoneOffset.UTC).minusDays(2).toString(), days.getJsonObject(0).getString("date"));
    assertTrue(days.getJsonObject(2).getValue("netPnl") instanceof String);
    assertEquals(30, assertOk(rest.get("/api/pnl/daily"), 200).getJsonArray("days").size());
    assertError(rest.get("/api/pnl/daily?days=0"), 400, "INVALID_PARAMETER");
    assertError(rest.get("/api/pnl/daily?days=367"), 400, "INVALID_PARAMETER");
  }

  @Test
  void limitUsageRisesAfterOrdersAndDenialsAreCountedByReason() {
    JsonObject before = assertOk(rest.get("/api/risk/limits"), 200);
    assertEquals("ACTIVE", before.getString("state"));
    assertTrue(before.getLong("sinceMicros") > 0);
    assertTrue(before.containsKey("cause") && before.containsKey("message"));
    for (String name : List.of("maxOrderNotional", "maxGrossExposure", "dailyLossLimit", "maxDrawdown",
        "throttleGlobal")) {
      JsonObject limit = limit(before, name, null);
      assertTrue(limit != null, name + " is listed: " + before.encode());
      assertNull(limit.getString("symbol"), name + " is account-wide");
      assertTrue(limit.getValue("used") instanceof String && limit.getValue("limit") instanceof String);
      assertTrue(limit.getValue("ratio") instanceof Number);
    }
    Fixed usedBefore = Fixed.of(limit(before, "maxPositionQuantity", "TSLA").getString("used"));
    Fixed grossBefore = Fixed.of(limit(before, "maxGrossExposure", null).getString("used"));
    assertOk(rest.post("/api/orders", TOKEN, order("TSLA", "BUY", "7")), 201);
    assertError(rest.post("/api/orders", TOKEN, order("NOPE", "BUY", "1")), 422, "UNKNOWN_INSTRUMENT");
    JsonObject after = assertOk(rest.get("/api/risk/limits"), 200);
    JsonObject tsla = limit(after, "maxPositionQuantity", "TSLA");
    assertEquals(usedBefore.plus(Fixed.of(7)), Fixed.of(tsla.getString("used")), tsla.encode());
    assertEquals("1000", tsla.getString("limit"));
    assertEquals(Fixed.of(tsla.getString("used")).toDouble() / 1000, tsla.getDouble("ratio"), 1e-9);
    assertTrue(Fixed.of(limit(after, "maxGrossExposure", null).getString("used")).greaterThan(grossBefore));
    assertTrue(Fixed.of(limit(after, "throttleGlobal", null).getString("used")).isPositive());
    assertTrue(after.getJsonObject("denials").getJsonObject("sinceStart").getLong("UNKNOWN_INSTRUMENT") >= 1);
    assertTrue(after.getJsonObject("denials").getJsonObject("lastMinute").getLong("UNKNOWN_INSTRUMENT") >= 1);
    eventually(3, "risk.limits streamed", () -> !limitsStream.isEmpty());
    assertTrue(limitsStream.get(0).containsKey("limits"));
  }

  @Test
  void flattenSendsAReduceOnlyMarketOrderAgainstThePosition() {
    assertError(rest.post("/api/positions/MSFT/flatten", null, null), 401, "MISSING_TOKEN");
    assertError(rest.post("/api/positions/NOPE/flatten", TOKEN, null), 404, "UNKNOWN_SYMBOL");
    assertError(rest.post("/api/positions/AMZN/flatten", TOKEN, null), 409, "NO_POSITION");
    buyAndWaitForTheFill("AMZN", "4", "flat-1");
    assertOk(rest.post("/api/risk/reduce", TOKEN, null), 200);
    try {
      // REDUCING admits the flatten: it only shrinks the position
      JsonObject flattened = assertOk(rest.post("/api/positions/AMZN/flatten", TOKEN, null), 202);
      String id = flattened.getString("orderId");
      assertTrue(id.startsWith("flatten-AMZN-"), id);
      assertTrue(flattened.getJsonObject("decision").getBoolean("approved"));
      eventually(5, "the flatten's fill", () -> "FILLED".equals(rest.get("/api/orders/" + id).bodyAsJsonObject()
          .getString("status")));
      JsonObject order = assertOk(rest.get("/api/orders/" + id), 200);
      assertEquals("SELL", order.getString("side"));
      assertEquals("MARKET", order.getString("type"));
      assertEquals("4", order.getString("quantity"));
      assertEquals("manual", order.getString("strategy"));
      eventually(5, "flat AMZN", () -> rest.post("/api/positions/AMZN/flatten", TOKEN, null).statusCode() == 409);
    } finally {
      assertOk(rest.post("/api/risk/resume", TOKEN, null), 200);
    }
    buyAndWaitForTheFill("AMZN", "1", "flat-2");
    assertOk(rest.post("/api/risk/halt", TOKEN, null), 200);
    try {
      var response = rest.post("/api/positions/AMZN/flatten", TOKEN, null);
      assertError(response, 422, "TRADING_HALTED");
      JsonObject denied = response.bodyAsJsonObject();
      assertFalse(denied.getJsonObject("decision").getBoolean("approved"));
      assertTrue(denied.getString("orderId").startsWith("flatten-AMZN-"));
    } finally {
      assertOk(rest.post("/api/risk/resume", TOKEN, null), 200);
    }
    assertOk(rest.post("/api/positions/AMZN/flatten", TOKEN, null), 202);
  }

  private void buyAndWaitForTheFill(String symbol, String quantity, String id) {
    assertOk(rest.post("/api/orders", TOKEN, order(symbol, "BUY", quantity).replace("}",
        ",\"clientOrderId\":\"" + id + "\"}")), 201);
    eventually(5, id + " filled", () -> "FILLED".equals(rest.get("/api/orders/" + id).bodyAsJsonObject()
        .getString("status")));
  }

  @Test
  void recentLogsAreFilteredByLevelTailedLiveAndKeepTheTokenOut() {
    Logger.getLogger("io.tradingrt.test").warning("dashboard log check with " + TOKEN + " inside");
    JsonArray items = assertOk(rest.get("/api/logs?level=WARN&limit=50"), 200).getJsonArray("items");
    JsonObject mine = items.stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("message").startsWith("dashboard log check")).findFirst().orElseThrow();
    assertEquals("WARNING", mine.getString("level"));
    assertEquals("io.tradingrt.test", mine.getString("logger"));
    assertFalse(mine.getString("message").contains(TOKEN), mine.encode());
    assertTrue(mine.getLong("tsMicros") > 0);
    assertTrue(items.stream().map(JsonObject.class::cast).allMatch(e -> List.of("WARNING", "SEVERE")
        .contains(e.getString("level"))), "WARN and above only");
    assertEquals(1, assertOk(rest.get("/api/logs?limit=1"), 200).getJsonArray("items").size());
    assertError(rest.get("/api/logs?level=LOUD"), 400, "INVALID_PARAMETER");
    assertError(rest.get("/api/logs?limit=0"), 400, "INVALID_PARAMETER");
    eventually(5, "the record on logs.tail", () -> {
      Logger.getLogger("io.tradingrt.test").info("tail check");
      return logsStream.stream().flatMap(batch -> batch.getJsonArray("items").stream())
          .anyMatch(e -> "tail check".equals(((JsonObject) e).getString("message")));
    });
  }

  @Test
  void latencyHistogramsHaveLogSpacedBuckets() {
    JsonObject latency = assertOk(rest.get("/api/metrics/latency"), 200);
    for (String figure : List.of("inRuntime", "feedToFill")) {
      JsonObject f = latency.getJsonObject(figure);
      for (String field : List.of("count", "p50", "p99", "p999", "max")) {
        assertTrue(f.getValue(field) instanceof Number, figure + "." + field);
      }
      JsonArray buckets = f.getJsonArray("buckets");
      assertEquals(1, buckets.getJsonObject(0).getLong("upToMicros"));
      assertEquals(2, buckets.getJsonObject(1).getLong("upToMicros"));
      assertEquals(5, buckets.getJsonObject(2).getLong("upToMicros"));
      assertEquals(10, buckets.getJsonObject(3).getLong("upToMicros"));
      long counted = buckets.stream().mapToLong(b -> ((JsonObject) b).getLong("count")).sum();
      assertEquals(f.getLong("count"), counted, figure + ": the buckets hold every measurement");
    }
  }

  @Test
  void instrumentsCarryTheirPrecisionAndTimeframesComeFromTheConfig() {
    JsonArray items = assertOk(rest.get("/api/instruments"), 200).getJsonArray("items");
    assertEquals(stack.symbols().size(), items.size());
    JsonObject aapl = items.stream().map(JsonObject.class::cast).filter(i -> "AAPL".equals(i.getString("symbol")))
        .findFirst().orElseThrow();
    assertEquals("0.01", aapl.getString("tickSize"));
    assertEquals("1", aapl.getString("lotSize"));
    assertEquals(2, aapl.getInteger("priceDecimals"));
    assertEquals(0, aapl.getInteger("quantityDecimals"));
    assertEquals(new JsonArray().add("1s").add("1m"), assertOk(rest.get("/api/bars/timeframes"), 200)
        .getJsonArray("items"));
  }

  private JsonArray strategies() {
    return assertOk(rest.get("/api/pnl/strategies"), 200).getJsonArray("strategies");
  }

  private JsonObject strategy(String name) {
    return strategies().stream().map(JsonObject.class::cast).filter(s -> name.equals(s.getString("strategy")))
        .findFirst().orElse(null);
  }

  private static JsonObject limit(JsonObject limits, String name, String symbol) {
    return limits.getJsonArray("limits").stream().map(JsonObject.class::cast)
        .filter(l -> name.equals(l.getString("name")) && java.util.Objects.equals(symbol, l.getString("symbol")))
        .findFirst().orElse(null);
  }
}
