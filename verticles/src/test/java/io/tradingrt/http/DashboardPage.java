package io.tradingrt.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The dashboard as a person uses it, in a {@link HeadlessChromium}: clicks and typing through the input pipeline,
 * reads of what the page shows, and screenshots of the whole page or of one panel.
 */
final class DashboardPage {
  private final HeadlessChromium browser;

  DashboardPage(HeadlessChromium browser) {
    this.browser = browser;
  }

  Object eval(String expression) {
    return browser.eval(expression);
  }

  String text(String id) {
    Object value = eval("(document.getElementById(" + js(id) + ") || {}).textContent");
    return value == null ? "" : (String) value;
  }

  long number(String expression) {
    Object value = eval(expression);
    return value == null ? 0 : ((Number) value).longValue();
  }

  double decimal(String expression) {
    Object value = eval(expression);
    return value == null ? Double.NaN : ((Number) value).doubleValue();
  }

  /**
   * A real mouse click in the middle of the first element the CSS selector finds, scrolled into view first: the
   * pointer moves there, then (the element found again where it is now) presses and releases, as a person does.
   */
  void clickSelector(String selector) {
    JsonObject rect = locate(selector);
    browser.call("Input.dispatchMouseEvent", new JsonObject().put("type", "mouseMoved")
        .put("x", rect.getDouble("x") + rect.getDouble("width") / 2)
        .put("y", rect.getDouble("y") + rect.getDouble("height") / 2));
    rect = locate(selector);
    double x = rect.getDouble("x") + rect.getDouble("width") / 2;
    double y = rect.getDouble("y") + rect.getDouble("height") / 2;
    for (String type : new String[] {"mousePressed", "mouseReleased"}) {
      browser.call("Input.dispatchMouseEvent", new JsonObject().put("type", type).put("x", x).put("y", y)
          .put("button", "left").put("clickCount", 1));
    }
  }

  private JsonObject locate(String selector) {
    Object box = eval("(() => { const el = document.querySelector(" + js(selector) + "); if (!el) return null;"
        + " el.scrollIntoView({block: 'nearest'}); return JSON.stringify(el.getBoundingClientRect()); })()");
    if (box == null) {
      throw new AssertionError("nothing on the page matches " + selector);
    }
    return new JsonObject((String) box);
  }

  void click(String id) {
    clickSelector("#" + id);
  }

  /** Clicks into a field, selects what it holds and types over it. */
  void typeInto(String id, String value) {
    click(id);
    eval("document.getElementById(" + js(id) + ").select()");
    browser.call("Input.insertText", new JsonObject().put("text", value));
  }

  /** Chooses an option of a select as the keyboard would, firing the change event the page listens to. */
  void choose(String id, String value) {
    eval("(() => { const s = document.getElementById(" + js(id) + "); s.focus(); s.value = " + js(value) + ";"
        + " s.dispatchEvent(new Event('change', {bubbles: true})); })()");
  }

  /** The whole page, beyond the window's height. */
  void screenshot(Path file) throws IOException {
    JsonObject size = browser.call("Page.getLayoutMetrics", new JsonObject()).getJsonObject("cssContentSize");
    capture(file, new JsonObject().put("x", 0).put("y", 0).put("width", size.getDouble("width"))
        .put("height", size.getDouble("height")).put("scale", 1));
  }

  /** One element, in document coordinates. */
  void screenshot(String id, Path file) throws IOException {
    JsonObject rect = new JsonObject((String) eval("(() => { const el = document.getElementById(" + js(id) + ");"
        + " el.scrollIntoView({block: 'center'}); const r = el.getBoundingClientRect();"
        + " return JSON.stringify({x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height}); })()"));
    capture(file, rect.put("scale", 1));
  }

  private void capture(Path file, JsonObject clip) throws IOException {
    String png = browser.call("Page.captureScreenshot", new JsonObject().put("format", "png")
        .put("captureBeyondViewport", true).put("clip", clip)).getString("data");
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode(png));
  }

  /** A JavaScript string literal of {@code value}. */
  static String js(String value) {
    String array = new JsonArray().add(value).encode();
    return array.substring(1, array.length() - 1);
  }
}
