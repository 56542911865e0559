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
 * Swagger UI at /docs in real Chromium, under the page's CSP: it loads /api/openapi.json and lists its operations,
 * the new dashboard routes among them.
 */
class ApiDocsBrowserIT {

  @Test
  void swaggerUiListsTheDocumentsOperations() throws Exception {
    boolean ci = System.getenv("CI") != null;
    Assumptions.assumeTrue(ci || Files.isExecutable(HeadlessChromium.BINARY),
        "chromium is not installed (CI must have it)");
    try (EdgeStack stack = EdgeStack.start()) {
      HttpVerticle http = stack.httpVerticle(new JsonObject());
      stack.deploy(http);
      RestClient rest = new RestClient(stack.vertx, http.actualPort());
      // the client follows the redirect from /docs to /docs/
      assertTrue(rest.get("/docs").bodyAsString().contains("id=\"swagger-ui\""));
      var page = rest.get("/docs/");
      assertEquals(200, page.statusCode());
      assertTrue(page.getHeader("Content-Security-Policy").contains("script-src 'self'"));
      assertTrue(rest.get("/docs/swagger-initializer.js").bodyAsString().contains("/api/openapi.json"));
      try (HeadlessChromium browser = HeadlessChromium.launch(stack.vertx, 1280, 2000)) {
        browser.navigate("http://127.0.0.1:" + http.actualPort() + "/docs/");
        eventually(20, "Swagger UI renders the operations", () -> browser.eval(
            "document.querySelectorAll('.opblock').length") instanceof Number n && n.intValue() >= 30);
        String text = (String) browser.eval("document.body.innerText");
        assertTrue(text.contains("/api/pnl/strategies"), "the new routes are listed");
        assertTrue(text.contains("tradingrt HTTP API"), "the document's title");
        browser.screenshot(Path.of("target", "screenshots", "api-docs.png"));
      }
    }
  }
}
