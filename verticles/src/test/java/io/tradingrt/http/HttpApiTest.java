package io.tradingrt.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static io.tradingrt.http.EdgeStack.TOKEN;
import static io.tradingrt.http.EdgeStack.eventually;
import static io.tradingrt.http.RestClient.assertError;
import static io.tradingrt.http.RestClient.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST contract against the real trading verticles: every endpoint, and bad input answered with JSON errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiTest {
  private static final String ORDER = """
      {"symbol":"AAPL","side":"BUY","type":"MARKET","quantity":"5","strategy":"manual"}""";

  private EdgeStack stack;
  private RestClient rest;

  @BeforeAll
  void start() {
    stack = EdgeStack.start().http(new JsonObject()).metrics().trading(200);
    rest = new RestClient(stack.vertx, stack.httpPort());
    eventually(10, "first live snapshot with ticks", () -> rest.get("/api/metrics/current").statusCode() == 200
        && rest.get("/api/metrics/current").bodyAsJsonObject().getLong("ticksTotal") > 0);
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @AfterEach
  void runtimeStillHealthy() {
    assertOk(rest.get("/health/live"), 200);
    assertEquals("UP", assertOk(rest.get("/health/ready"), 200).getString("status"));
  }

  @Test
  void healthEndpointsReportEachCheck() {
    JsonObject health = assertOk(rest.get("/health"), 200);
    assertEquals("UP", health.getString("status"));
    assertEquals("UP", health.getJsonObject("checks").getJsonObject("feed").getString("status"));
    assertFalse(health.getJsonObject("checks").getJsonObject("writer").getBoolean("configured"));
    assertEquals("UP", health.getJsonObject("live").getString("status"));
  }

  @Test
  void currentMetricsAreTheLiveSnapshotWithDecimalStrings() {
    JsonObject current = assertOk(rest.get("/api/metrics/current"), 200);
    assertTrue(current.getValue("equity") instanceof String, current.encode());
    assertEquals("ACTIVE", current.getString("tradingState"));
  }

  @Test
  void historyWithoutAStorageReaderIs503() {
    assertError(rest.get("/api/metrics/history?minutes=5"), 503, "STORAGE_UNAVAILABLE");
    assertError(rest.get("/api/metrics/history?minutes=-1"), 400, "INVALID_PARAMETER");
    assertError(rest.get("/api/orders?from=0"), 503, "STORAGE_UNAVAILABLE");
  }

  @Test
  void marketDataForAKnownSymbolAndErrorsForOthers() {
    eventually(5, "AAPL ticks", () -> rest.get("/api/metrics/market-data?symbol=AAPL").bodyAsJsonObject()
        .containsKey("bid"));
    JsonObject aapl = assertOk(rest.get("/api/metrics/market-data?symbol=AAPL&limit=3"), 200);
    assertEquals(3, aapl.getJsonArray("recentTicks").size());
    assertError(rest.get("/api/metrics/market-data?symbol=NOPE"), 404, "UNKNOWN_SYMBOL");
    assertError(rest.get("/api/metrics/market-data"), 400, "MISSING_PARAMETER");
  }

  @Test
  void strategyAndExecutionSummaries() {
    assertEquals("momentum", assertOk(rest.get("/api/metrics/strategy?name=momentum"), 200).getString("strategy"));
    assertError(rest.get("/api/metrics/strategy?name=nope"), 404, "UNKNOWN_STRATEGY");
    JsonObject execution = assertOk(rest.get("/api/metrics/execution?minutes=5"), 200);
    assertTrue(execution.containsKey("tickToTrade"));
    assertError(rest.get("/api/metrics/execution?minutes=abc"), 400, "INVALID_PARAMETER");
    JsonObject system = assertOk(rest.get("/api/metrics/system"), 200);
    assertTrue(system.getJsonObject("jvm").getLong("heapUsedBytes") > 0);
  }

  @Test
  void stateChangesNeedTheToken() {
    assertError(rest.post("/api/orders", null, ORDER), 401, "MISSING_TOKEN");
    assertError(rest.post("/api/orders", "wrong", ORDER), 401, "INVALID_TOKEN");
    assertError(rest.call(HttpMethod.DELETE, "/api/orders/x", null, null), 401, "MISSING_TOKEN");
    assertError(rest.post("/api/risk/halt", null, null), 401, "MISSING_TOKEN");
    assertEquals("ACTIVE", assertOk(rest.get("/api/risk"), 200).getString("state"));
  }

  @Test
  void badOrdersAreRefusedWithACode() {
    JsonObject malformed = assertError(rest.post("/api/orders", TOKEN, "{\"symbol\":"), 400, "MALFORMED_JSON");
    assertTrue(malformed.getString("message").startsWith("invalid OrderRequest"), malformed.encode());
    assertError(rest.post("/api/orders", TOKEN, "[1,2]"), 400, "MALFORMED_JSON");
    // what the order means is judged by risk alone, with its reason codes, as over the bridges (OneValidationPathTest)
    assertError(rest.post("/api/orders", TOKEN, ORDER.replace("\"5\"", "\"-5\"")), 422, "INVALID_ORDER");
    assertError(rest.post("/api/orders", TOKEN, ORDER.replace("AAPL", "NOPE")), 422, "UNKNOWN_INSTRUMENT");
    JsonObject invalid = assertError(rest.post("/api/orders", TOKEN, ORDER.replace("BUY", "SIDEWAYS")), 400,
        "INVALID_ORDER");
    assertTrue(invalid.getString("message").contains("side"), invalid.encode());
  }

  @Test
  void anApprovedOrderIsFilledAndListed() {
    JsonObject created = assertOk(rest.post("/api/orders", TOKEN, ORDER.replace("}", ",\"clientOrderId\":\"rest-1\"}")),
        201);
    assertTrue(created.getJsonObject("decision").getBoolean("approved"));
    eventually(5, "the fill of rest-1", () -> rest.get("/api/trades?limit=1000").bodyAsJsonObject()
        .getJsonArray("items").stream().anyMatch(f -> "rest-1".equals(((JsonObject) f).getString("clientOrderId"))));
    assertEquals("FILLED", assertOk(rest.get("/api/orders/rest-1"), 200).getString("status"));
    JsonObject orders = assertOk(rest.get("/api/orders?limit=1&status=FILLED"), 200);
    assertEquals(1, orders.getJsonArray("items").size());
    assertEquals(1, orders.getJsonObject("page").getInteger("limit"));
    assertError(rest.get("/api/orders?limit=0"), 400, "INVALID_PARAMETER");
    assertError(rest.get("/api/orders?limit=1001"), 400, "INVALID_PARAMETER");
    assertError(rest.get("/api/orders/nope"), 404, "UNKNOWN_ORDER");
    assertError(rest.call(HttpMethod.DELETE, "/api/orders/rest-1", TOKEN, null), 409, "ORDER_NOT_OPEN");
    assertOk(rest.call(HttpMethod.DELETE, "/api/orders/never-seen", TOKEN, null), 202);
    eventually(5, "the position in the snapshot", () -> rest.get("/api/positions").bodyAsJsonObject()
        .getJsonArray("items", new JsonArray()).size() > 0);
    assertTrue(assertOk(rest.get("/api/pnl"), 200).getValue("equity") instanceof String);
  }

  @Test
  void deniedOrdersAre422WithTheRiskReason() {
    JsonObject denied = assertError(rest.post("/api/orders", TOKEN, ORDER.replace("\"5\"", "\"1.5\"")), 422,
        "QUANTITY_PRECISION");
    assertFalse(denied.getString("message").isBlank());
  }

  @Test
  void operatorHaltsAndResumes() {
    assertEquals("HALTED", assertOk(rest.post("/api/risk/halt", TOKEN, "{\"reason\":\"test\"}"), 200).getString("to"));
    assertEquals("HALTED", assertOk(rest.get("/api/risk"), 200).getString("state"));
    assertError(rest.post("/api/orders", TOKEN, ORDER), 422, "TRADING_HALTED");
    assertError(rest.post("/api/risk/explode", TOKEN, null), 404, "UNKNOWN_COMMAND");
    assertError(rest.post("/api/risk/resume", TOKEN, "{oops"), 400, "MALFORMED_JSON");
    assertEquals("ACTIVE", assertOk(rest.post("/api/risk/resume", TOKEN, null), 200).getString("to"));
  }

  @Test
  void barsComeFromHotStateAndTimeRangesFromStorage() {
    eventually(5, "a 1s bar", () -> rest.get("/api/bars?symbol=AAPL&timeframe=1s").bodyAsJsonObject()
        .getJsonArray("items").size() > 0);
    assertError(rest.get("/api/bars?symbol=AAPL&timeframe=7x"), 400, "INVALID_TIMEFRAME");
    assertError(rest.get("/api/bars?symbol=NOPE"), 404, "UNKNOWN_SYMBOL");
    assertError(rest.get("/api/bars?symbol=AAPL&from=0&to=1"), 503, "STORAGE_UNAVAILABLE");
  }

  @Test
  void unknownPathsAndMethodsAreJsonErrors() {
    assertError(rest.get("/api/nothing-here"), 404, "NOT_FOUND");
    assertError(rest.call(HttpMethod.PUT, "/api/metrics/current", null, null), 405, "METHOD_NOT_ALLOWED");
  }

  @Test
  void prometheusTextCarriesDomainAndJvmMeters() {
    eventually(5, "domain meters", () -> rest.get("/metrics").bodyAsString().contains("tradingrt_ticks_in_total"));
    HttpResponse<Buffer> scrape = rest.get("/metrics");
    assertTrue(scrape.getHeader("content-type").startsWith("text/plain"));
    String text = scrape.bodyAsString();
    assertTrue(text.contains("symbol=\"AAPL\""), "per-symbol ticks");
    assertTrue(text.contains("tradingrt_orders_denied_total"));
    assertTrue(text.contains("tradingrt_tick_to_trade_seconds"));
    assertTrue(text.contains("jvm_memory_used_bytes"));
  }

  @Test
  void openApiDocumentNamesEveryRoute() {
    JsonObject api = assertOk(rest.get("/api/openapi.json"), 200);
    assertTrue(api.getString("openapi").startsWith("3."));
    for (String path : new String[] {"/api/metrics/current", "/api/metrics/history", "/api/metrics/market-data",
        "/api/metrics/strategy", "/api/metrics/execution", "/api/metrics/system", "/api/orders", "/api/orders/{id}",
        "/api/trades", "/api/positions", "/api/bars", "/api/pnl", "/api/risk", "/api/risk/{command}", "/api/cluster",
        "/health", "/health/live", "/health/ready", "/metrics", "/api/backtests", "/api/backtests/{id}",
        "/api/backtests/{id}/equity", "/api/backtests/{id}/fills"}) {
      assertTrue(api.getJsonObject("paths").containsKey(path), path);
    }
  }

  @Test
  void dashboardAndWebjarsAreServedFromTheJar() {
    HttpResponse<Buffer> index = rest.get("/");
    assertEquals(200, index.statusCode());
    assertTrue(index.bodyAsString().contains("<html"));
    assertEquals(200, rest.get("/webjars/echarts/5.3.1/dist/echarts.min.js").statusCode());
    assertEquals(200, rest.get("/webjars/sockjs-client/1.5.1/sockjs.min.js").statusCode());
  }
}
