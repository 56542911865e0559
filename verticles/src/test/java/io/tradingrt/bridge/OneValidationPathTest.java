package io.tradingrt.bridge;

import io.tradingrt.http.EdgeStack;
import io.tradingrt.http.RestClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same bad order submitted over REST, the SockJS bridge and the TCP bridge of one running runtime gets one reason
 * code, because the edges check only the form and risk alone judges the order. Each edge is spoken to as its users
 * do: an HTTP client; a websocket with SockJS frames, as a browser, and the Node client on the official SockJS client;
 * a plain TCP socket with length-prefixed frames, and the Python client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneValidationPathTest {
  private static final Path CLIENTS = Path.of(System.getProperty("project.root", "..")).resolve("scripts/clients");
  private static final AtomicInteger IDS = new AtomicInteger();

  private EdgeStack stack;
  private RestClient rest;
  private int bridgePort;

  @BeforeAll
  void start() throws IOException {
    bridgePort = TcpBridgeTest.freePort();
    stack = EdgeStack.start().http(new JsonObject()).trading(100);
    stack.deploy(stack.bridge(new JsonObject().put("tcpBridgePort", bridgePort)));
    rest = new RestClient(stack.vertx, stack.httpPort());
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @ParameterizedTest(name = "{0} {1} {2} is {3} on every edge")
  @CsvSource({
      "NOPE, BUY, 5, UNKNOWN_INSTRUMENT",
      "AAPL, BUY, 1.5, QUANTITY_PRECISION",
      "AAPL, SELL, 0, INVALID_ORDER",
      "AAPL, BUY, -5, INVALID_ORDER"})
  void theSameBadOrderGetsTheSameReasonCodeOnEveryEdge(String symbol, String side, String quantity, String code)
      throws Exception {
    JsonObject order = new JsonObject().put("symbol", symbol).put("side", side).put("quantity", quantity);
    Map<String, String> codes = new LinkedHashMap<>();

    var response = rest.post("/api/orders", EdgeStack.TOKEN, order.encode());
    JsonObject error = RestClient.assertError(response, 422, code);
    assertEquals(code, response.bodyAsJsonObject().getJsonObject("decision").getString("reason"), error.encode());
    codes.put("REST", error.getString("code"));
    codes.put("SockJS websocket", denied(sockJs(order)));
    codes.put("TCP socket", denied(tcp(order)));
    codes.put("Python client (TCP)", denied(python(symbol, side, quantity)));
    if (nodeClientInstalled()) {
      codes.put("Node client (SockJS)", denied(node(symbol, side, quantity)));
    }

    assertEquals(List.of(code), codes.values().stream().distinct().toList(), codes.toString());
  }

  private static String denied(JsonObject decision) {
    assertFalse(decision.getBoolean("approved"), decision.encode());
    assertFalse(decision.getString("message").isBlank(), decision.encode());
    return decision.getString("reason");
  }

  private JsonObject sockJs(JsonObject order) throws InterruptedException {
    SockJsBridgeTest.Frames frames = SockJsBridgeTest.connect(stack);
    try {
      String reply = "s-" + IDS.incrementAndGet();
      frames.send(new JsonObject().put("type", "send").put("address", "orders.submit").put("replyAddress", reply)
          .put("body", order).put("headers", new JsonObject().put("token", EdgeStack.TOKEN)));
      JsonObject frame = frames.next(m -> reply.equals(m.getString("address")));
      assertEquals("rec", frame.getString("type"), frame.encode());
      return frame.getJsonObject("body");
    } finally {
      frames.socket.close();
    }
  }

  private JsonObject tcp(JsonObject order) throws IOException {
    try (TcpBridgeTest.Wire wire = new TcpBridgeTest.Wire(bridgePort)) {
      String reply = "t-" + IDS.incrementAndGet();
      wire.write(new JsonObject().put("type", "send").put("address", "orders.submit").put("replyAddress", reply)
          .put("body", order).put("headers", new JsonObject().put("token", EdgeStack.TOKEN)));
      JsonObject frame = wire.next(f -> reply.equals(f.getString("address")));
      assertEquals("message", frame.getString("type"), frame.encode());
      return frame.getJsonObject("body");
    }
  }

  /** The {@code tradingrt} package's {@code order} command, from its sources: prints {"decision": …}, exits 3 if denied. */
  private JsonObject python(String symbol, String side, String quantity) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(List.of("python3", "-m", "tradingrt", "--port",
        Integer.toString(bridgePort), "--token", EdgeStack.TOKEN, "order", side, quantity, symbol));
    builder.environment().put("PYTHONPATH", CLIENTS.resolve("python/src").toString());
    Run run = run(builder);
    assertEquals(3, run.exitCode(), run.toString());
    return new JsonObject(run.stdout().strip()).getJsonObject("decision");
  }

  /** {@code client.js order}: prints the decision and exits 0, a denial being an answer, not a refusal. */
  private JsonObject node(String symbol, String side, String quantity) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of("node", "client.js", "order", symbol, side,
        quantity)));
    builder.directory(CLIENTS.resolve("node").toFile());
    builder.environment().put("TRT_EVENTBUS_URL", "http://127.0.0.1:" + stack.httpPort() + "/eventbus");
    builder.environment().put("TRT_TOKEN", EdgeStack.TOKEN);
    Run run = run(builder);
    assertEquals(0, run.exitCode(), run.toString());
    return new JsonObject(run.stdout().strip());
  }

  /** As NodeClientTest: on CI (.ci/run runs npm ci) the client must be there; elsewhere it joins once installed. */
  private static boolean nodeClientInstalled() {
    boolean installed = Files.isDirectory(CLIENTS.resolve("node/node_modules/@vertx"));
    assertTrue(installed || System.getenv("CI") == null, "CI runs npm ci in scripts/clients/node");
    return installed;
  }

  private record Run(int exitCode, String stdout, String stderr) {
  }

  private static Run run(ProcessBuilder builder) throws Exception {
    Process process = builder.start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the client did not finish: " + builder.command());
    }
    return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
