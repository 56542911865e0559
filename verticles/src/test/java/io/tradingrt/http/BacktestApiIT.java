package io.tradingrt.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.testing.ReplayTicks;
import io.tradingrt.testing.RuntimeProcess;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.tradingrt.http.EdgeStack.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backtest REST contract on the real jar: 401 without the token, 400s with a code and a sentence for malformed
 * and hostile bodies, 404 for an unknown run, 202 with the run's id, and when done the report, the curve and the
 * fills, with the fills hash the CLI gives for the same recording. Then a run over this runtime's own stored ticks,
 * a second start while one runs (429), and a sweep.
 */
class BacktestApiIT {
  private static final String TOKEN = "backtest-api-it-token";
  private static final int HTTP_PORT = 19601;
  private static final int BRIDGE_PORT = 19602;
  private static final int TICKS = 200_000;
  private static final String CSV = "{\"source\": {\"kind\": \"csv\", \"path\": \"replay.csv\"}}";

  @Test
  void theBacktestApiStartsChecksAndReportsRuns(@TempDir Path dir) throws Exception {
    ReplayTicks.write(dir.resolve("backtest-data/replay.csv"), TICKS);
    String cliHash = cliFillsHash(dir);
    Map<String, String> env = Map.of("TRT_HTTP_PORT", Integer.toString(HTTP_PORT), "TRT_TOKEN", TOKEN,
        "TRT_TCP_BRIDGE_PORT", Integer.toString(BRIDGE_PORT), "TRT_DB_PATH", dir.resolve("rt.duckdb").toString());
    Vertx vertx = Vertx.vertx();
    try (RuntimeProcess runtime = RuntimeProcess.start("backtest-api", dir, env)) {
      runtime.awaitLine(l -> l.contains("runtime: started roles"), Duration.ofSeconds(60));
      RestClient rest = new RestClient(vertx, HTTP_PORT);

      RestClient.assertError(rest.post("/api/backtests", null, CSV), 401, "MISSING_TOKEN");
      RestClient.assertError(rest.post("/api/backtests", "wrong", CSV), 401, "INVALID_TOKEN");
      refusesHostileBodies(rest);
      RestClient.assertError(rest.get("/api/backtests/bt-nope"), 404, "UNKNOWN_BACKTEST");
      RestClient.assertError(rest.get("/api/backtests/bt-nope/equity"), 404, "UNKNOWN_BACKTEST");
      RestClient.assertError(rest.get("/api/backtests/bt-nope/fills"), 404, "UNKNOWN_BACKTEST");
      RestClient.assertError(rest.get("/api/backtests/b%20d"), 400, "INVALID_PARAMETER");

      HttpResponse<Buffer> accepted = rest.post("/api/backtests", TOKEN, CSV);
      JsonObject started = RestClient.assertOk(accepted, 202);
      String csvRun = started.getString("runId");
      assertEquals("/api/backtests/" + csvRun, accepted.getHeader("Location"));
      assertEquals("RUNNING", started.getString("status"));
      // one run at a time: a second start while the first reads its 200,000 ticks is refused, with a code
      RestClient.assertError(rest.post("/api/backtests", TOKEN, CSV), 429, "BACKTESTS_BUSY");

      JsonObject done = awaitDone(rest, csvRun);
      JsonObject report = done.getJsonObject("report");
      assertEquals(TICKS, report.getLong("ticks"));
      assertEquals(cliHash, report.getString("fillsHash"), "the API and the CLI make the same fills");
      assertEquals(1.0, done.getDouble("progress"));
      JsonObject equity = RestClient.assertOk(rest.get("/api/backtests/" + csvRun + "/equity"), 200);
      assertTrue(equity.getJsonArray("points").size() > 10, equity.encode());
      JsonObject fills = RestClient.assertOk(rest.get("/api/backtests/" + csvRun + "/fills?limit=5"), 200);
      assertEquals(report.getLong("fills"), fills.getLong("total"));
      assertEquals(5, fills.getJsonArray("items").size());
      assertTrue(fills.getJsonArray("items").getJsonObject(0).getString("fillId") != null, fills.encode());

      // this runtime's own stored ticks, read while the live feed keeps writing
      Thread.sleep(3_000); // the live feed's ticks reach the table within a flush (200 ms)
      String dbRun = RestClient.assertOk(rest.post("/api/backtests", TOKEN, "{\"symbols\": [\"AAPL\", \"MSFT\"]}"),
          202).getString("runId");
      JsonObject dbDone = awaitDone(rest, dbRun);
      assertTrue(dbDone.getJsonObject("report").getLong("ticks") > 0, dbDone.encode());
      assertTrue(dbDone.getJsonObject("report").getString("source").startsWith("db:"), dbDone.encode());

      String sweep = RestClient.assertOk(rest.post("/api/backtests", TOKEN, "{\"source\": {\"kind\": \"csv\", "
          + "\"path\": \"replay.csv\"}, \"sweep\": {\"momentum\": {\"fast\": [3, 5]}}}"), 202).getString("runId");
      JsonObject sweepDone = awaitDone(rest, sweep);
      JsonArray ranked = sweepDone.getJsonObject("report").getJsonArray("runs");
      assertEquals(2, ranked.size(), sweepDone.encode());
      for (int i = 0; i < ranked.size(); i++) {
        String child = ranked.getJsonObject(i).getString("runId");
        assertEquals(ranked.getJsonObject(i).getString("fillsHash"), RestClient.assertOk(rest.get(
            "/api/backtests/" + child), 200).getJsonObject("report").getString("fillsHash"));
      }
      JsonObject fastFive = ranked.stream().map(JsonObject.class::cast)
          .filter(r -> r.getString("parameters").equals("momentum.fast=5")).findFirst().orElseThrow();
      assertEquals(cliHash, fastFive.getString("fillsHash"), "fast=5 is the configured momentum");

      JsonArray listed = RestClient.assertOk(rest.get("/api/backtests"), 200).getJsonArray("items");
      List<String> ids = listed.stream().map(o -> ((JsonObject) o).getString("runId")).toList();
      assertEquals(sweep, ids.get(0), "newest first: " + ids);
      assertTrue(ids.indexOf(dbRun) < ids.indexOf(csvRun), ids.toString());
      assertTrue(ids.containsAll(List.of(sweep + "-1", sweep + "-2")), ids.toString());
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
  }

  private static void refusesHostileBodies(RestClient rest) {
    HttpResponse<Buffer> plain = rest.call(HttpMethod.POST, "/api/backtests", TOKEN, null);
    assertTrue(plain.statusCode() == 202 || plain.statusCode() == 400 || plain.statusCode() == 429,
        "an empty body is the configured run over all stored ticks: " + plain.bodyAsString());
    awaitIdle(rest);
    RestClient.assertError(rest.post("/api/backtests", TOKEN, "not json"), 400, "MALFORMED_JSON");
    RestClient.assertError(rest.post("/api/backtests", TOKEN, "[1, 2]"), 400, "MALFORMED_JSON");
    RestClient.assertError(rest.post("/api/backtests", TOKEN, "{\"x\": " + "1".repeat(70_000) + "}"), 413,
        "BODY_TOO_LARGE");
    for (String body : List.of("{\"bogus\": 1}",
        "{\"from\": \"yesterday\"}",
        "{\"from\": \"2024-01-03\", \"to\": \"2024-01-02\"}",
        "{\"from\": -5}",
        "{\"symbols\": \"AAPL\"}",
        "{\"symbols\": [\"<script>alert(1)</script>\"]}",
        "{\"initialCash\": \"-5\"}",
        "{\"initialCash\": \"1e400\"}",
        "{\"latencyMicros\": 1e30}",
        "{\"strategies\": []}",
        "{\"strategies\": [\"nope\"]}",
        "{\"strategies\": [{\"name\": \"momentum\", \"fast\": \"<b>\"}]}",
        "{\"strategies\": [{\"name\": \"momentum\", \"fats\": 3}]}",
        "{\"strategies\": [{\"name\": \"x\", \"type\": \"ma-crossover\", \"symbols\": [\"AAPL\"], \"fast\": 5, "
            + "\"slow\": 2000000000, \"quantity\": \"1\"}]}",
        "{\"strategies\": [{\"name\": \"x\", \"type\": \"ma-crossover\", \"symbols\": [\"AAPL\"], \"fast\": 9, "
            + "\"slow\": 3, \"quantity\": \"1\"}]}",
        "{\"strategies\": [\"momentum\", \"momentum\"]}",
        "{\"source\": \"csv\"}",
        "{\"source\": {\"kind\": \"ftp\"}}",
        "{\"source\": {\"kind\": \"db\", \"path\": \"x\"}}",
        "{\"source\": {\"kind\": \"csv\", \"path\": \"../rt.duckdb\"}}",
        "{\"source\": {\"kind\": \"csv\", \"path\": \"/etc/passwd\"}}",
        "{\"source\": {\"kind\": \"csv\", \"path\": \"missing.csv\"}}",
        "{\"source\": {\"kind\": \"parquet\", \"path\": \"*/x.parquet\"}}",
        "{\"sweep\": \"/etc/passwd\"}",
        "{\"sweep\": {\"momentum\": {\"fast\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17], "
            + "\"slow\": [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36]}}}",
        "{\"sweep\": {\"nobody\": {\"fast\": [3]}}}",
        "{\"sweep\": {\"momentum\": {\"slow\": [2]}}}")) {
      JsonObject error = RestClient.assertError(rest.post("/api/backtests", TOKEN, body), 400, "INVALID_BACKTEST");
      assertTrue(error.getString("message").lines().count() == 1 && error.getString("message").length() < 400,
          "one sentence: " + error);
      System.out.println("BacktestApiIT: " + body.substring(0, Math.min(60, body.length())) + " -> "
          + error.getString("message"));
    }
  }

  private static void awaitIdle(RestClient rest) {
    eventually(60, "no backtest running", () -> rest.get("/api/backtests").bodyAsJsonObject().getJsonArray("items")
        .stream().noneMatch(o -> "RUNNING".equals(((JsonObject) o).getString("status"))));
  }

  private static JsonObject awaitDone(RestClient rest, String runId) {
    JsonObject[] last = {null};
    eventually(120, runId + " is done", () -> {
      last[0] = RestClient.assertOk(rest.get("/api/backtests/" + runId), 200);
      assertTrue(!"FAILED".equals(last[0].getString("status")), last[0].encode());
      return "DONE".equals(last[0].getString("status"));
    });
    return last[0];
  }

  private static String cliFillsHash(Path dir) throws Exception {
    try (RuntimeProcess cli = RuntimeProcess.start("backtest-cli", dir, Map.of("TRT_DB_PATH",
        dir.resolve("rt.duckdb").toString()), "backtest", "--source", "csv", "backtest-data/replay.csv", "--out",
        "out-cli", "--no-store")) {
      assertEquals(0, cli.awaitExit(Duration.ofSeconds(120)), String.join("\n", cli.lines()));
    }
    JsonNode report = ContractJson.mapper().readTree(Files.readString(dir.resolve("out-cli/report.json")));
    assertEquals(TICKS, report.get("ticks").asLong());
    assertTrue(report.get("fills").asLong() > 10, report.toString());
    return report.get("fillsHash").asText();
  }
}
