package io.tradingrt.http;

import io.tradingrt.testing.RuntimeProcess;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tradingrt.http.EdgeStack.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person's view: headless chromium loads the dashboard from the running jar (its embedded defaults), sees it update
 * several times a second over SockJS, reads the recovery report of this start and the cluster panel, types the token,
 * clicks Halt and sees the trading state change.
 * Screenshot: target/dashboard.png.
 */
class DashboardBrowserIT {
  private static final String TOKEN = "dashboard-it-token";

  @Test
  void theDashboardUpdatesLiveAndHaltsTrading(@TempDir Path dir) throws Exception {
    boolean ci = System.getenv("CI") != null;
    Assumptions.assumeTrue(ci || Files.isExecutable(HeadlessChromium.BINARY),
        "chromium is not installed (apt-get install chromium); CI installs it");
    int port = freePort();
    Map<String, String> env = Map.of("TRT_HTTP_PORT", Integer.toString(port), "TRT_TOKEN", TOKEN,
        "TRT_TCP_BRIDGE_PORT", Integer.toString(freePort()), "TRT_DB_PATH", dir.resolve("d.duckdb").toString());
    Vertx vertx = Vertx.vertx();
    long runtimeStarted = System.nanoTime();
    try (RuntimeProcess runtime = RuntimeProcess.start("dashboard", dir, env);
         HeadlessChromium browser = launchAfter(runtime, vertx)) {
      RestClient rest = new RestClient(vertx, port);
      browser.navigate("http://127.0.0.1:" + port + "/");
      eventually(20, "the dashboard receives metrics.live", () -> number(browser.eval(
          "window.__trt ? window.__trt.liveCount : 0")) > 0);

      // the recovery panel shows this start's report, the line the jar logged, as text
      String logged = runtime.awaitLine(l -> l.contains("RiskVerticle: recovery: "), Duration.ofSeconds(5));
      String report = rest.get("/api/recovery").bodyAsJsonObject().getString("line");
      eventually(10, "the recovery panel shows the report", () -> report.equals(browser.eval(
          "document.getElementById('recovery-line').textContent")));
      assertTrue(report.contains(" journal entries in ") && logged.endsWith(report), logged + " / " + report);
      assertEquals("consistent with the stored positions", browser.eval(
          "document.getElementById('recovery-verdict').textContent"), "a fresh start is consistent");
      assertEquals(false, browser.eval("document.getElementById('recovery').classList.contains('warning')"));
      assertEquals("ACTIVE", browser.eval("document.getElementById('recovery-state').textContent"));
      assertEquals("polite", browser.eval("document.querySelector('#recovery [aria-live]').getAttribute('aria-live')"));
      checkClusterPanel(browser, rest);

      long before = number(browser.eval("window.__trt.liveCount"));
      String ticksBefore = (String) browser.eval("document.getElementById('ticks-total').textContent");
      Thread.sleep(2_000);
      long updates = number(browser.eval("window.__trt.liveCount")) - before;
      assertTrue(updates >= 10, "at least 5 updates a second, got " + updates + " in 2 s");
      assertTrue(!ticksBefore.equals(browser.eval("document.getElementById('ticks-total').textContent")),
          "the tick counter moves");
      // both tick-to-trade figures reach the dashboard, labelled; the in-runtime one is measured on the orders the
      // default strategies send, and on the defaults the page shows its p50 under a millisecond (issue 13): the
      // median of five readings a second apart, as the page shows them, so one lucky or unlucky window decides nothing.
      // Read once the runtime has run a minute: its first orders run interpreted until the JIT has compiled the order
      // path (measured on the defaults: a p50 of ~6 ms in the first 10 s, ~1 ms at 30 s, ~0.5 ms after a minute), and
      // the live figure covers the last 10-20 s
      eventually(40, "an in-runtime tick-to-trade figure on the dashboard", () -> number(browser.eval(
          "window.__trt.inRuntimeP50Micros || 0")) > 0);
      long warm = runtimeStarted + TimeUnit.SECONDS.toNanos(60) - System.nanoTime();
      if (warm > 0) {
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(warm));
      }
      List<Long> shown = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        shown.add(shownMicros((String) browser.eval("document.getElementById('k-rt-p50').textContent")));
        Thread.sleep(1_000);
      }
      long shownMedian = shown.stream().sorted().toList().get(shown.size() / 2);
      System.out.println("DashboardBrowserIT: in-runtime tick-to-trade p50 shown " + shown + " µs, median "
          + shownMedian + " µs");
      assertTrue(shownMedian < 1_000, "the dashboard shows an in-runtime tick-to-trade p50 under 1 ms on the defaults,"
          + " got " + shown + " µs");
      assertTrue(((String) browser.eval("document.getElementById('k-rt-p50').parentElement.textContent"))
          .startsWith("In-runtime p50"), "the dashboard labels which figure it shows");
      assertTrue(((String) browser.eval("document.getElementById('k-p50').parentElement.textContent"))
          .startsWith("Feed-to-fill p50"), "the dashboard labels which figure it shows");
      eventually(15, "candles drawn", () -> number(browser.eval(
          "echarts.getInstanceByDom(document.getElementById('candles')).getOption().series[0].data.length")) > 0);

      browser.type("token", TOKEN);
      browser.click("btn-halt");
      eventually(5, "Halt asks first", () -> Boolean.TRUE.equals(browser.eval("document.getElementById('confirm').open")));
      browser.click("confirm-ok");
      eventually(10, "the risk state shows HALTED", () -> "HALTED".equals(browser.eval(
          "document.getElementById('risk-state').textContent")));
      assertEquals("HALTED", rest.get("/api/risk").bodyAsJsonObject().getString("state"));
      assertEquals(0L, number(browser.eval("sessionStorage.length + localStorage.length")), "the token is kept in memory only");
      Thread.sleep(500);
      browser.screenshot(Path.of("target", "dashboard.png"));

      browser.click("btn-resume");
      eventually(10, "the risk state shows ACTIVE again", () -> "ACTIVE".equals(browser.eval(
          "document.getElementById('risk-state').textContent")));
    } finally {
      vertx.close().await(20, TimeUnit.SECONDS);
    }
  }

  /** A duration as the dashboard writes it ("412 µs", "1.3 ms", "2 s"), in microseconds. */
  static long shownMicros(String text) {
    Matcher m = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(µs|us|ms|s)").matcher(text == null ? "" : text);
    assertTrue(m.find(), "a duration on the dashboard, got '" + text + "'");
    double value = Double.parseDouble(m.group(1));
    double scale = switch (m.group(2)) {
      case "ms" -> 1_000;
      case "s" -> 1_000_000;
      default -> 1;
    };
    return Math.round(value * scale);
  }

  /**
   * The cluster panel draws what {@code GET /api/cluster} answers: on these single-node defaults one member, this
   * node, holding every required singleton. A jar without a {@code cluster.view} answerer gets a 503, which the
   * panel shows instead of empty tables.
   */
  private static void checkClusterPanel(HeadlessChromium browser, RestClient rest) {
    HttpResponse<Buffer> answer = rest.get("/api/cluster");
    if (answer.statusCode() != 200) {
      JsonObject error = RestClient.assertError(answer, 503, "CLUSTER_UNAVAILABLE");
      System.out.println("DashboardBrowserIT: no cluster.view on this jar; the panel shows the 503");
      eventually(10, "the cluster panel shows the 503", () -> text(browser, "cluster-message")
          .equals("503 CLUSTER_UNAVAILABLE: " + error.getString("message")));
      assertEquals("no view", text(browser, "cluster-mode"));
      assertEquals(0L, number(browser.eval("document.querySelectorAll('#cluster tbody tr').length")));
      return;
    }
    JsonObject view = answer.bodyAsJsonObject();
    String node = view.getJsonObject("node").getString("name");
    System.out.println("DashboardBrowserIT: the cluster panel shows the view of " + node);
    eventually(10, "the cluster panel lists this node", () -> node.equals(browser.eval(
        "(document.querySelector('#cluster-members tbody td') || {}).textContent")));
    assertEquals(1L, number(browser.eval("document.querySelectorAll('#cluster-members tbody tr').length")),
        "a single node is the one member");
    StringBuilder expected = new StringBuilder();
    for (Object entry : view.getJsonArray("singletons")) {
      JsonObject singleton = (JsonObject) entry;
      JsonObject holder = singleton.getJsonObject("holder");
      if (singleton.getBoolean("required")) {
        assertEquals(node, holder == null ? null : holder.getString("name"), "this node holds " + singleton.encode());
      }
      expected.append(singleton.getString("name")).append('=').append(holder == null ? "none" : holder.getString(
          "name")).append(';');
    }
    assertEquals(expected.toString(), browser.eval("[...document.querySelectorAll('#cluster-singletons tbody tr')]"
        + ".map((tr) => tr.cells[0].textContent + '=' + tr.cells[1].textContent + ';').join('')"));
    assertEquals("every required singleton held", text(browser, "cluster-missing"));
    assertEquals(view.getJsonArray("strategies").size(), number(browser.eval(
        "document.querySelectorAll('#cluster-strategies tbody tr').length")), "every strategy with its node");
    assertEquals(0L, number(browser.eval("document.querySelectorAll('#cluster tr.unheld').length")));
  }

  private static String text(HeadlessChromium browser, String id) {
    Object value = browser.eval("document.getElementById('" + id + "').textContent");
    return value == null ? "" : (String) value;
  }

  private static HeadlessChromium launchAfter(RuntimeProcess runtime, Vertx vertx) throws Exception {
    runtime.awaitLine(l -> l.contains("runtime: started roles"), Duration.ofSeconds(60));
    return HeadlessChromium.launch(vertx, 1600, 1000);
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
