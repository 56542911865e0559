package io.tradingrt.http;

import io.tradingrt.testing.RuntimeProcess;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.tradingrt.http.DashboardPage.js;
import static io.tradingrt.http.EdgeStack.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trader at the dashboard of the real jar, in Debian's chromium: places orders from the ticket, cancels a working
 * order from its row, flattens a position, is asked before Kill, watches the risk panel's position usage rise, and
 * after a reload sees the last minutes of equity and latency at once. The strategies trade every symbol but AAPL, so
 * AAPL's book is the trader's alone. Screenshots: target/dashboard-trading.png (the whole page),
 * target/dashboard-risk.png (the risk panel), target/dashboard-ticket-denied.png (the ticket showing a denial).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardTradingIT {
  private static final String TOKEN = "dashboard-trading-it-token";
  private static final int HTTP_PORT = 19690;
  private static final int TCP_BRIDGE_PORT = 19691;
  private static final String SYMBOL = "AAPL";
  private static final String CONF = new JsonObject()
      .put("bars", new JsonObject().put("timeframes", new JsonArray().add("1s").add("1m").add("5m")))
      .put("strategies", new JsonArray()
          .add(new JsonObject().put("name", "momentum").put("type", "ma-crossover")
              .put("symbols", new JsonArray().add("MSFT").add("GOOG")).put("fast", 5).put("slow", 20)
              .put("quantity", "10"))
          .add(new JsonObject().put("name", "meanrev").put("type", "mean-reversion")
              .put("symbols", new JsonArray().add("AMZN").add("TSLA")).put("window", 30).put("entryZ", "1.5")
              .put("exitZ", "0.3").put("quantity", "10")))
      .encode();

  private Path dir;
  private Vertx vertx;
  private RuntimeProcess runtime;
  private HeadlessChromium browser;
  private DashboardPage page;
  private RestClient rest;
  private long startedNanos;

  @BeforeAll
  void openTheDashboard() throws Exception {
    Assumptions.assumeTrue(System.getenv("CI") != null || Files.isExecutable(HeadlessChromium.BINARY),
        "chromium is not installed (apt-get install chromium); CI installs it");
    dir = Files.createTempDirectory("dashboard-trading");
    vertx = Vertx.vertx();
    runtime = RuntimeProcess.start("dashboard-trading", dir, Map.of("TRT_HTTP_PORT", Integer.toString(HTTP_PORT),
        "TRT_TOKEN", TOKEN, "TRT_TCP_BRIDGE_PORT", Integer.toString(TCP_BRIDGE_PORT),
        "TRT_DB_PATH", dir.resolve("d.duckdb").toString()), "-conf", CONF);
    runtime.awaitLine(l -> l.contains("runtime: started roles"), Duration.ofSeconds(60));
    startedNanos = System.nanoTime();
    rest = new RestClient(vertx, HTTP_PORT);
    browser = HeadlessChromium.launch(vertx, 1600, 1000);
    page = new DashboardPage(browser);
    load();
    page.typeInto("token", TOKEN);
  }

  private void load() {
    browser.navigate("http://127.0.0.1:" + HTTP_PORT + "/");
    eventually(20, "the dashboard is live on the bus", () -> page.number(
        "window.__trt ? window.__trt.liveCount : 0") > 0);
    eventually(10, "the ticket lists the instruments", () -> page.number(
        "document.getElementById('t-symbol').options.length") > 0);
  }

  @AfterAll
  void close() throws Exception {
    try (RuntimeProcess r = runtime; HeadlessChromium b = browser) {
      // the browser first, then the runtime; the Vert.x instance that drives the browser last
    } finally {
      if (vertx != null) {
        vertx.close().await(20, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  @Order(1)
  void anOrderPlacedFromTheTicketAppearsInTheBlotterAndItsFillInTheFillsTable() {
    String id = placeFromTicket("BUY", "MARKET", "5", null, "DAY");
    eventually(15, "the blotter shows " + id + " filled", () -> "FILLED".equals(orderCell(id, 8)));
    assertEquals(SYMBOL, orderCell(id, 3));
    assertEquals("BUY", orderCell(id, 4));
    assertEquals("manual", orderCell(id, 2), "orders from the ticket carry the edge's default strategy");
    eventually(10, "the fills table shows the fill of " + id, () -> page.number("[...document.querySelectorAll("
        + "'#fills tbody tr')].filter((tr) => tr.cells[1].textContent === " + js(id) + ").length") == 1);
    assertTrue(page.text("ticket-result").contains(id), "the ticket names the order it placed");
    assertEquals("polite", page.eval("document.getElementById('ticket-result').getAttribute('aria-live')"));
  }

  @Test
  @Order(2)
  void aWorkingLimitOrderIsCancelledFromItsRow() {
    BigDecimal bid = new BigDecimal((String) page.eval("window.__trt.quotes.get(" + js(SYMBOL) + ").bid"));
    String limit = bid.multiply(new BigDecimal("0.8")).setScale(2, RoundingMode.DOWN).toPlainString();
    String id = placeFromTicket("BUY", "LIMIT", "3", limit, "GTC");
    eventually(15, "the limit order " + id + " rests", () -> "ACCEPTED".equals(orderCell(id, 8)));
    assertEquals(limit, orderCell(id, 7).replace(",", ""), "the limit price at the instrument's 2 decimals");
    page.clickSelector(orderRow(id) + " button.row-action");
    eventually(15, "the blotter shows " + id + " canceled", () -> "CANCELED".equals(orderCell(id, 8)));
    assertEquals("CANCELED", rest.get("/api/orders/" + id).bodyAsJsonObject().getString("status"));
    assertEquals(0L, page.number("document.querySelectorAll(" + js(orderRow(id) + " button") + ").length"),
        "a finished order has no cancel button");
  }

  @Test
  @Order(3)
  void theRiskPanelShowsThePositionUsageRisingAfterOrders() throws Exception {
    String usage = "(() => { const tr = [...document.querySelectorAll('#risk-limits tbody tr')].find((r) =>"
        + " r.cells[0].textContent.endsWith(' · ' + " + js(SYMBOL) + ")); return tr ? tr.querySelector('meter')"
        + ".value : null; })()";
    eventually(10, "the risk panel lists the position limit of " + SYMBOL, () -> page.eval(usage) != null);
    double before = page.decimal(usage);
    String first = placeFromTicket("BUY", "MARKET", "100", null, "DAY");
    String second = placeFromTicket("BUY", "MARKET", "100", null, "DAY");
    eventually(15, "both orders filled", () -> "FILLED".equals(orderCell(first, 8))
        && "FILLED".equals(orderCell(second, 8)));
    eventually(10, "the position usage rises by the 200 bought", () -> page.decimal(usage) >= before + 0.19);
    System.out.println("DashboardTradingIT: " + SYMBOL + " position usage " + before + " → " + page.decimal(usage));
    assertEquals(page.text("risk-state"), page.text("risk-panel-state"), "one trading state on the page");
    Thread.sleep(1_200); // one more risk.limits second, so the screenshot shows the figures settled
    page.screenshot("risk-panel", Path.of("target", "dashboard-risk.png"));
  }

  @Test
  @Order(4)
  void theTicketShowsRisksDenialInline() throws Exception {
    String id = placeFromTicket("BUY", "MARKET", "90000", null, "DAY");
    eventually(10, "the ticket shows the denial", () -> page.text("ticket-result").startsWith("denied by risk: "));
    String shown = page.text("ticket-result");
    assertTrue(shown.contains("MAX_NOTIONAL_EXCEEDED – the order's notional exceeds the per-order limit"), shown);
    eventually(10, "the blotter shows " + id + " denied", () -> "DENIED".equals(orderCell(id, 8)));
    page.screenshot("ticket-panel", Path.of("target", "dashboard-ticket-denied.png"));
  }

  @Test
  @Order(5)
  void flattenAsksFirstThenClosesThePosition() {
    String flatten = positionRow(SYMBOL) + " button.row-action";
    eventually(10, "the " + SYMBOL + " row has a Flatten button", () -> page.number(
        "document.querySelectorAll(" + js(flatten) + ").length") == 1);
    page.clickSelector(flatten);
    assertDialog("Flatten " + SYMBOL + "?");
    page.click("confirm-cancel");
    eventually(5, "the dialog closes", () -> Boolean.FALSE.equals(page.eval("document.getElementById('confirm').open")));
    // the page writes the result once the dialog's promise settles, a moment after the dialog closes
    eventually(5, "the result says nothing was sent", () -> ("flatten " + SYMBOL + ": not sent").equals(
        page.text("control-result")));
    page.clickSelector(flatten);
    assertDialog("Flatten " + SYMBOL + "?");
    page.click("confirm-ok");
    eventually(10, "the flatten order is reported", () -> page.text("control-result").startsWith(
        "flatten " + SYMBOL + ": order "));
    eventually(15, "the " + SYMBOL + " position is flat", () -> "0".equals(page.eval(
        "(document.querySelector(" + js(positionRow(SYMBOL)) + ") || {cells: [{}, {}]}).cells[1].textContent")));
  }

  @Test
  @Order(6)
  void killAsksForConfirmationBeforeItHaltsAndCancels() {
    assertEquals("polite", page.eval("document.getElementById('risk-state').closest('[aria-live]')"
        + ".getAttribute('aria-live')"), "the trading state is announced");
    assertEquals("polite", page.eval("document.getElementById('control-result').getAttribute('aria-live')"));
    page.click("btn-kill");
    assertDialog("Kill: halt and cancel everything?");
    assertEquals("confirm-cancel", page.eval("document.activeElement.id"), "the safe choice has the focus");
    page.click("confirm-cancel");
    eventually(5, "the dialog closes", () -> Boolean.FALSE.equals(page.eval("document.getElementById('confirm').open")));
    eventually(5, "the result says nothing was sent", () -> "kill: not sent".equals(page.text("control-result")));
    assertEquals("ACTIVE", rest.get("/api/risk").bodyAsJsonObject().getString("state"), "nothing was sent");

    page.click("btn-kill");
    assertDialog("Kill: halt and cancel everything?");
    page.click("confirm-ok");
    eventually(10, "the page shows HALTED", () -> "HALTED".equals(page.text("risk-state")));
    assertEquals("HALTED", rest.get("/api/risk").bodyAsJsonObject().getString("state"));
    // the state may arrive over the bus before the POST's answer: wait for the answer
    eventually(10, "the control result reports the kill", () -> page.text("control-result").startsWith(
        "kill: ACTIVE → HALTED"));
    eventually(10, "the risk panel shows the state with its cause", () -> "HALTED".equals(page.text(
        "risk-panel-state")) && page.text("risk-panel-cause").contains("KILL"));

    page.click("btn-resume");
    eventually(10, "trading resumes without a question", () -> "ACTIVE".equals(page.text("risk-state")));
  }

  @Test
  @Order(7)
  void afterAReloadTheEquityAndLatencyChartsShowTheLastMinutesAtOnce() throws Exception {
    long upSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
    if (upSeconds < 75) {
      Thread.sleep((75 - upSeconds) * 1_000);
    }
    // the page opened again as a trader's new window would: a fresh browser, so nothing is carried over from the
    // page that ran the tests above (its renderer and its connections to the runtime)
    browser.close();
    browser = HeadlessChromium.launch(vertx, 1600, 1000);
    page = new DashboardPage(browser);
    load();
    long loadedAt = System.currentTimeMillis();
    for (String chart : new String[] {"equity", "latency"}) {
      String data = "echarts.getInstanceByDom(document.getElementById('" + chart + "')).getOption().series[0].data";
      eventually(5, "the " + chart + " chart is filled from history", () -> page.number(data + ".length") > 200);
      double oldest = page.decimal(data + ".find((p) => p[1] !== null)[0]");
      double spanSeconds = (loadedAt - oldest) / 1000;
      long live = page.number("window.__trt.liveCount");
      System.out.println("DashboardTradingIT: after the reload the " + chart + " chart spans " + spanSeconds
          + " s with " + live + " live snapshots");
      assertTrue(spanSeconds > 60, chart + " shows more than the last minute: " + spanSeconds + " s");
      assertTrue(live < 100, "the history came from REST, not from " + live + " live snapshots");
    }
    assertTrue(page.number("window.__trt.historyPoints") > 200, "metrics history was read");
    eventually(10, "the timeframes of the config", () -> "1s,1m,5m".equals(page.eval(
        "[...document.getElementById('timeframe').options].map((o) => o.value).join(',')")));
    page.choose("timeframe", "1m");
    eventually(10, "1m candles drawn", () -> page.number("echarts.getInstanceByDom(document.getElementById("
        + "'candles')).getOption().series[0].data.length") > 0);
    page.choose("timeframe", "1s");
    page.typeInto("token", TOKEN);
    placeFromTicket("SELL", "MARKET", "7", null, "DAY");
    Thread.sleep(2_000);
    page.screenshot(Path.of("target", "dashboard-trading.png"));
  }

  /** Fills the ticket as a person would and submits it; returns the client order id risk answered with. */
  private String placeFromTicket(String side, String type, String quantity, String limitPrice, String timeInForce) {
    page.eval("window.__trt.lastTicketOrder = ''");
    page.choose("t-symbol", SYMBOL);
    page.clickSelector("BUY".equals(side) ? "label[for=t-buy]" : "label[for=t-sell]");
    page.typeInto("t-quantity", quantity);
    page.choose("t-type", type);
    if (limitPrice != null) {
      page.typeInto("t-price", limitPrice);
    }
    page.choose("t-tif", timeInForce);
    page.click("t-submit");
    eventually(10, "risk answers the ticket", () -> !"".equals(page.eval("window.__trt.lastTicketOrder || ''")));
    return (String) page.eval("window.__trt.lastTicketOrder");
  }

  private void assertDialog(String title) {
    eventually(5, "a confirmation dialog opens", () -> Boolean.TRUE.equals(page.eval(
        "document.getElementById('confirm').open")));
    assertEquals(title, page.text("confirm-title"));
    assertTrue((Boolean) page.eval("document.getElementById('confirm').matches(':modal')"), "a modal dialog");
  }

  private static String orderRow(String id) {
    return "#orders tbody tr[data-order-id=" + js(id) + "]";
  }

  private static String positionRow(String symbol) {
    return "#positions tbody tr[data-symbol=" + js(symbol) + "]";
  }

  private String orderCell(String id, int index) {
    Object value = page.eval("(() => { const tr = document.querySelector(" + js(orderRow(id)) + ");"
        + " return tr ? tr.cells[" + index + "].textContent : null; })()");
    return value == null ? null : (String) value;
  }
}
