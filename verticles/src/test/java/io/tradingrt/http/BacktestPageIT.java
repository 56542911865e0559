package io.tradingrt.http;

import io.tradingrt.testing.ReplayTicks;
import io.tradingrt.testing.RuntimeProcess;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.tradingrt.http.EdgeStack.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trader's view of a backtest in real chromium: a day of recorded ticks imported into the runtime's database, the
 * backtest page opened on the running jar, a range typed and the run started; the page follows the run's progress
 * on {@code backtest.progress}, then shows the figures, the equity and drawdown curves, the fills and the fills as
 * markers on the candles of the stored ticks. Screenshot: target/backtest-page.png.
 */
class BacktestPageIT {
  private static final String TOKEN = "backtest-page-it-token";
  private static final int HTTP_PORT = 19603;
  private static final int BRIDGE_PORT = 19604;
  private static final int TICKS = 300_000;

  @Test
  void theBacktestPageRunsAStrategyAndShowsItsResult(@TempDir Path dir) throws Exception {
    boolean ci = System.getenv("CI") != null;
    Assumptions.assumeTrue(ci || Files.isExecutable(HeadlessChromium.BINARY),
        "chromium is not installed (apt-get install chromium); CI installs it");
    Path recording = ReplayTicks.write(dir.resolve("import.csv"), TICKS, true);
    Map<String, String> env = Map.of("TRT_HTTP_PORT", Integer.toString(HTTP_PORT), "TRT_TOKEN", TOKEN,
        "TRT_TCP_BRIDGE_PORT", Integer.toString(BRIDGE_PORT), "TRT_DB_PATH", dir.resolve("rt.duckdb").toString());
    try (RuntimeProcess importer = RuntimeProcess.start("import", dir, env, "import", "csv", recording.toString())) {
      assertEquals(0, importer.awaitExit(Duration.ofSeconds(120)), String.join("\n", importer.lines()));
    }
    Vertx vertx = Vertx.vertx();
    try (RuntimeProcess runtime = RuntimeProcess.start("backtest-page", dir, env)) {
      runtime.awaitLine(l -> l.contains("runtime: started roles"), Duration.ofSeconds(60));
      try (HeadlessChromium browser = HeadlessChromium.launch(vertx, 1600, 1500)) {
        browser.call("Page.enable", new io.vertx.core.json.JsonObject());
        browser.call("Page.addScriptToEvaluateOnNewDocument", new io.vertx.core.json.JsonObject().put("source",
            "window.__violations = []; document.addEventListener('securitypolicyviolation', "
                + "(e) => window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI + ' ' + e.sample));"));
        browser.navigate("http://127.0.0.1:" + HTTP_PORT + "/backtest.html");
        eventually(20, "the page is on the bus", () -> "bus: live".equals(browser.eval(
            "document.getElementById('conn').textContent")));
        assertEquals("[\"momentum\",\"meanrev\"]", browser.eval("document.getElementById('bt-strategies').value"),
            "the configured strategies are offered");
        browser.type("bt-from", "2024-01-02");
        browser.type("bt-to", "2024-01-03");
        browser.type("token", TOKEN);
        browser.click("bt-start");
        eventually(20, "the run starts", () -> browser.eval("window.__bt.runId") != null);
        String runId = (String) browser.eval("window.__bt.runId");
        eventually(60, "progress arrives on backtest.progress", () -> number(browser.eval(
            "window.__bt.progressMessages")) > 0);
        eventually(120, "the run is done", () -> String.valueOf(browser.eval(
            "document.getElementById('bt-status').textContent")).startsWith("DONE · 100 %"));
        System.out.println("BacktestPageIT: " + runId + ": " + number(browser.eval("window.__bt.progressMessages"))
            + " progress messages, last " + browser.eval("JSON.stringify(window.__bt.lastProgress)"));
        eventually(20, "the equity curve is drawn", () -> number(browser.eval("window.__bt.equityPoints")) > 10);
        eventually(20, "candles with fill markers", () -> number(browser.eval("window.__bt.candles")) > 10
            && number(browser.eval("window.__bt.fillMarkers")) > 0);
        long points = number(browser.eval("echarts.getInstanceByDom(document.getElementById('bt-equity'))"
            + ".getOption().series[0].data.length"));
        assertTrue(points > 10, "the equity chart holds the curve: " + points);
        RestClient rest = new RestClient(vertx, HTTP_PORT);
        var report = RestClient.assertOk(rest.get("/api/backtests/" + runId), 200).getJsonObject("report");
        assertEquals(TICKS, report.getLong("ticks"));
        long fills = report.getLong("fills");
        assertTrue(fills > 10, report.encode());
        assertEquals(Math.min(500, fills), number(browser.eval("document.querySelectorAll('#bt-fills tbody tr').length")));
        assertEquals(1 + report.getJsonArray("strategies").size() + report.getJsonArray("symbols").size(),
            number(browser.eval("document.querySelectorAll('#bt-figures tbody tr').length")),
            "a figures row for the whole run, each strategy and each symbol");
        assertEquals(report.getString("fillsHash"), browser.eval("document.getElementById('k-hash').title"));
        assertTrue(number(browser.eval("[...document.querySelectorAll('#bt-runs tbody td')]"
            + ".filter((td) => td.textContent === '" + runId + "').length")) == 1, "the run is in the list");
        assertEquals("[]", browser.eval("JSON.stringify(window.__violations)"), "the page needs no CSP exception");
        Thread.sleep(500);
        browser.screenshot(Path.of("target", "backtest-page.png"));
      }
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }
}
