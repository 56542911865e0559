package io.tradingrt.http;

import io.vertx.core.Future;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static io.tradingrt.http.EdgeStack.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page on another site must not read the live bus of a runtime on localhost: SockJS echoes any Origin with
 * credentials, so the edge refuses foreign origins on {@code /eventbus/*}, for XHR and websocket alike.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossOriginTest {
  private static final String EVIL = "http://evil.example";
  private static final String CONFIGURED = "http://dashboards.example:3000";

  private EdgeStack stack;
  private HttpClient http;
  private String own;

  @BeforeAll
  void start() {
    stack = EdgeStack.start().http(new JsonObject().put("allowedOrigins", new JsonArray().add(CONFIGURED)));
    http = HttpClient.newHttpClient();
    own = "http://127.0.0.1:" + stack.httpPort();
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @Test
  void aForeignOriginCannotReadTheBusInfo() {
    Answer answer = get("/eventbus/info", EVIL);
    assertEquals(403, answer.status, answer.body);
    assertNotEquals(EVIL, answer.header("Access-Control-Allow-Origin"));
    assertNotEquals("true", answer.header("Access-Control-Allow-Credentials"));
    JsonObject error = new JsonObject(answer.body).getJsonObject("error");
    assertEquals("ORIGIN_NOT_ALLOWED", error.getString("code"));
    assertEquals(403, error.getInteger("status"));
    assertTrue(!error.getString("message").isBlank());
  }

  @Test
  void aForeignOriginCannotOpenAnXhrSessionEither() {
    assertEquals(403, request("POST", "/eventbus/123/abcdefgh/xhr", EVIL).status);
    assertEquals(403, get("/eventbus/info", "null").status, "a sandboxed or file:// page is foreign too");
    assertEquals(403, get("/eventbus/info", "http://127.0.0.1:1").status, "another port is another origin");
  }

  @Test
  void theOwnOriginAndNoOriginReadTheBusAsBefore() {
    assertEquals(200, get("/eventbus/info", null).status);
    Answer sameOrigin = get("/eventbus/info", own);
    assertEquals(200, sameOrigin.status);
    assertTrue(new JsonObject(sameOrigin.body).getBoolean("websocket"), sameOrigin.body);
    Answer configured = get("/eventbus/info", CONFIGURED);
    assertEquals(200, configured.status, "an origin listed in http.allowedOrigins is admitted");
    assertEquals(CONFIGURED, configured.header("Access-Control-Allow-Origin"));
  }

  @Test
  void aWebsocketUpgradeFromAForeignOriginIsRefused() {
    for (String uri : new String[] {"/eventbus/websocket", "/eventbus/123/abcdefgh/websocket"}) {
      Throwable refused = assertThrows(Throwable.class, () -> websocket(uri, EVIL), uri);
      assertTrue(refused instanceof UpgradeRejectedException rejected && rejected.getStatus() == 403,
          uri + ": " + refused);
    }
  }

  @Test
  void aWebsocketFromTheOwnOriginOrWithoutOneConnects() {
    await(websocket("/eventbus/websocket", own).close());
    await(websocket("/eventbus/123/abcdefgh/websocket", own).close());
    await(websocket("/eventbus/websocket", null).close());
  }

  @Test
  void theRestApiSendsNoCorsGrantAndEveryResponseCarriesTheSecurityHeaders() {
    for (String path : new String[] {"/", "/api/orders", "/eventbus/info", "/no-such-path"}) {
      Answer answer = get(path, null);
      assertTrue(answer.header("Content-Security-Policy").contains("default-src 'none'"), path);
      assertEquals("nosniff", answer.header("X-Content-Type-Options"), path);
      assertEquals("DENY", answer.header("X-Frame-Options"), path);
      assertEquals("no-referrer", answer.header("Referrer-Policy"), path);
    }
    assertNull(get("/api/orders", EVIL).header("Access-Control-Allow-Origin"));
  }

  @Test
  void aWildcardOrAMalformedAllowedOriginIsRefusedAtStart() {
    for (String origin : new String[] {"*", "evil.example", "http://a.example/path"}) {
      HttpVerticle verticle = stack.httpVerticle(new JsonObject().put("allowedOrigins", new JsonArray().add(origin)));
      Future<String> deployed = stack.vertx.deployVerticle(verticle);
      Throwable failure = assertThrows(Throwable.class, () -> deployed.await(10, TimeUnit.SECONDS), origin);
      assertTrue(String.valueOf(failure.getMessage()).contains("http.allowedOrigins"), origin + ": " + failure);
    }
  }

  private WebSocket websocket(String uri, String origin) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(stack.httpPort())
        .setURI(uri);
    if (origin != null) {
      options.addHeader("Origin", origin);
    }
    return await(stack.vertx.createWebSocketClient().connect(options));
  }

  private Answer get(String path, String origin) {
    return request("GET", path, origin);
  }

  private Answer request(String method, String path, String origin) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.httpPort() + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (origin != null) {
      request.header("Origin", origin);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers(), response.body());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(path, e);
    }
  }

  private record Answer(int status, HttpHeaders headers, String body) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }
}
