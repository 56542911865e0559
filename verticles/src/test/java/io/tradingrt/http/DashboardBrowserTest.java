package io.tradingrt.http;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.tradingrt.http.EdgeStack.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person's view: headless chromium loads the dashboard from a running stack, sees it update several times a second
 * over SockJS, types the token, clicks Halt and sees the trading state change. Screenshot: target/dashboard.png.
 */
class DashboardBrowserTest {

  @Test
  void theDashboardUpdatesLiveAndHaltsTrading() throws Exception {
    boolean ci = System.getenv("CI") != null;
    Assumptions.assumeTrue(ci || Files.isExecutable(HeadlessChromium.BINARY),
        "chromium is not installed (apt-get install chromium); CI installs it");
    try (EdgeStack stack = EdgeStack.start().http(new JsonObject()).metrics().trading(500);
         HeadlessChromium browser = HeadlessChromium.launch(stack.vertx, 1600, 1000)) {
      RestClient rest = new RestClient(stack.vertx, stack.httpPort());
      browser.navigate("http://127.0.0.1:" + stack.httpPort() + "/");
      eventually(20, "the dashboard receives metrics.live", () -> number(browser.eval(
          "window.__trt ? window.__trt.liveCount : 0")) > 0);

      long before = number(browser.eval("window.__trt.liveCount"));
      String ticksBefore = (String) browser.eval("document.getElementById('ticks-total').textContent");
      Thread.sleep(2_000);
      long updates = number(browser.eval("window.__trt.liveCount")) - before;
      assertTrue(updates >= 10, "at least 5 updates a second, got " + updates + " in 2 s");
      assertTrue(!ticksBefore.equals(browser.eval("document.getElementById('ticks-total').textContent")),
          "the tick counter moves");
      eventually(10, "candles drawn", () -> number(browser.eval(
          "echarts.getInstanceByDom(document.getElementById('candles')).getOption().series[0].data.length")) > 0);

      browser.type("token", EdgeStack.TOKEN);
      browser.click("btn-halt");
      eventually(10, "the risk state shows HALTED", () -> "HALTED".equals(browser.eval(
          "document.getElementById('risk-state').textContent")));
      assertEquals("HALTED", rest.get("/api/risk").bodyAsJsonObject().getString("state"));
      assertEquals(EdgeStack.TOKEN, browser.eval("sessionStorage.getItem('trt-token')"));
      Thread.sleep(500);
      browser.screenshot(Path.of("target", "dashboard.png"));

      browser.click("btn-resume");
      eventually(10, "the risk state shows ACTIVE again", () -> "ACTIVE".equals(browser.eval(
          "document.getElementById('risk-state').textContent")));
    }
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }
}
