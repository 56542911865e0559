package io.tradingrt.http;

import io.tradingrt.bridge.TcpBridgeVerticle;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static io.tradingrt.http.EdgeStack.TOKEN;
import static io.tradingrt.http.RestClient.assertError;
import static io.tradingrt.http.RestClient.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile inputs of the hardening issue, one by one, against REST and the TCP bridge alike: each is a 4xx with a
 * stable code (the same code on both edges), never a 5xx, and the runtime stays healthy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeValidationTest {
  private static final String ORDER = """
      {"symbol":"AAPL","side":"BUY","quantity":"5"}""";

  private EdgeStack stack;
  private RestClient rest;
  private WebClient raw;
  private int bridgePort;

  @BeforeAll
  void start() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      bridgePort = socket.getLocalPort();
    }
    stack = EdgeStack.start().http(new JsonObject()).trading(100);
    stack.deploy(stack.bridge(new JsonObject().put("tcpBridgePort", bridgePort)));
    rest = new RestClient(stack.vertx, stack.httpPort());
    raw = WebClient.create(stack.vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(stack.httpPort()));
  }

  @AfterAll
  void stop() {
    stack.close();
  }

  @AfterEach
  void stillHealthy() {
    assertOk(rest.get("/health/live"), 200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"20000000000\"", "\"10000000000\"", "\"-10000000000\"", "\"92233720368\""})
  void aQuantityStorageCannotHoldIsOutOfRange(String quantity) {
    JsonObject error = assertError(rest.post("/api/orders", TOKEN, ORDER.replace("\"5\"", quantity)), 422,
        "VALUE_OUT_OF_RANGE");
    assertTrue(error.getString("message").contains("quantity"), error.encode());
  }

  @Test
  void aLimitPriceStorageCannotHoldIsOutOfRange() {
    assertError(rest.post("/api/orders", TOKEN, ORDER.replace("}", ",\"limitPrice\":\"10000000000\"}")), 422,
        "VALUE_OUT_OF_RANGE");
    // the largest storable price passes the edge and is then judged by risk against the instrument's price band
    assertError(rest.post("/api/orders", TOKEN, ORDER.replace("}", ",\"limitPrice\":\"9999999999.99\"}")), 422,
        "PRICE_OUT_OF_BOUNDS");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"\u0661\u0662\"", "\"+5\"", "\" 5\"", "\"5 \"", "\"1E+2\"", "1E+2", "\"0x10\"",
      "\"5.123456789\"", "\"\uff15\"", "\"5.\"", "\".5\"", "true", "[5]", "5.5", "0.1"})
  void lenientNumbersAreMalformedDecimals(String quantity) {
    HttpResponse<Buffer> response = rest.post("/api/orders", TOKEN, ORDER.replace("\"5\"", quantity));
    assertEquals(400, response.statusCode(), response.bodyAsString());
    assertEquals("MALFORMED_DECIMAL", response.bodyAsJsonObject().getJsonObject("error").getString("code"),
        response.bodyAsString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"clientOrderId", "strategy", "symbol"})
  void markupAndControlCharactersInNamesAreRefused(String field) {
    for (String hostile : new String[] {"<img src=x onerror=\"document.title='pwned'\">", "a\nb", "x".repeat(65), ""}) {
      JsonObject order = new JsonObject(ORDER).put(field, hostile);
      JsonObject error = assertError(rest.post("/api/orders", TOKEN, order.encode()), 400, "INVALID_NAME");
      assertFalse(error.getString("message").contains("\n"), error.encode());
    }
  }

  @Test
  void controlReasonIsBoundedAndNullMeansTheDefault() {
    assertEquals("RESUME", assertOk(rest.post("/api/risk/resume", TOKEN, "{\"reason\":null}"), 200)
        .getString("cause"));
    assertError(rest.post("/api/risk/resume", TOKEN, new JsonObject().put("reason", "r".repeat(257)).encode()), 400,
        "TEXT_TOO_LONG");
    assertError(rest.post("/api/risk/resume", TOKEN, "{\"reason\":\"ok\",\"extra\":1}"), 400, "INVALID_CONTROL");
  }

  @Test
  void undecodablePathsAndQueriesAre400NotA500() {
    assertError(rest.get("/api/orders/%ZZ"), 400, "MALFORMED_URI");
    assertError(rest.call(HttpMethod.DELETE, "/api/orders/%ZZ", TOKEN, null), 400, "MALFORMED_URI");
    assertError(rest.get("/api/orders?symbol=%C3%28"), 400, "MALFORMED_URI");
    assertError(rest.get("/api/orders/" + "%3Cimg%3E"), 400, "INVALID_ORDER_ID");
  }

  @Test
  void timeParametersAreCheckedBeforeStorageSeesThem() {
    assertError(rest.get("/api/orders?from=9223372036854775807"), 400, "INVALID_PARAMETER");
    assertError(rest.get("/api/trades?from=-1"), 400, "INVALID_PARAMETER");
    JsonObject badIso = assertError(rest.get("/api/trades?from=2024-13-01T00:00:00Z"), 400, "INVALID_PARAMETER");
    assertFalse(badIso.getString("message").contains("java."), badIso.encode());
    // no storage role here: a valid ISO instant reaches the readers' address and nobody answers
    assertError(rest.get("/api/trades?from=2024-01-01T00:00:00Z"), 503, "STORAGE_UNAVAILABLE");
    assertError(rest.get("/api/orders?from=0&limit=abc"), 400, "INVALID_PARAMETER");
  }

  @Test
  void formAndMultipartBodiesAreRefusedBeforeTheTokenOrTheParser() {
    Buffer twoKilobytes = Buffer.buffer("a=" + "b".repeat(3_000));
    HttpResponse<Buffer> form = EdgeStack.await(raw.post("/api/risk/halt")
        .putHeader("content-type", "application/x-www-form-urlencoded").sendBuffer(twoKilobytes));
    assertError(form, 401, "MISSING_TOKEN");
    HttpResponse<Buffer> authorizedForm = EdgeStack.await(raw.post("/api/risk/halt")
        .putHeader("Authorization", "Bearer " + TOKEN)
        .putHeader("content-type", "application/x-www-form-urlencoded").sendBuffer(twoKilobytes));
    assertError(authorizedForm, 415, "UNSUPPORTED_MEDIA_TYPE");
    HttpResponse<Buffer> multipart = EdgeStack.await(raw.post("/api/orders")
        .putHeader("Authorization", "Bearer " + TOKEN)
        .sendMultipartForm(MultipartForm.create().attribute("f", "x".repeat(3_000))));
    assertError(multipart, 415, "UNSUPPORTED_MEDIA_TYPE");
    assertEquals("ACTIVE", assertOk(rest.get("/api/risk"), 200).getString("state"));
  }

  @Test
  void deeplyNestedJsonIsMalformedNotAStackOverflow() {
    String deep = "[".repeat(20_000) + "]".repeat(20_000);
    assertError(rest.post("/api/orders", TOKEN, "{\"symbol\":" + deep + "}"), 400, "MALFORMED_JSON");
    assertError(rest.post("/api/risk/halt", TOKEN, "{\"reason\":" + deep + "}"), 400, "MALFORMED_JSON");
  }

  @Test
  void theBridgeRefusesWithTheSameCodesAsRest() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", bridgePort)) {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      String[][] cases = {
          {"\"20000000000\"", "VALUE_OUT_OF_RANGE"}, {"\"\u0661\u0662\"", "MALFORMED_DECIMAL"},
          {"\"1E+2\"", "MALFORMED_DECIMAL"}};
      int n = 0;
      for (String[] c : cases) {
        String reply = "r-" + n++;
        write(out, new JsonObject().put("type", "send").put("address", "orders.submit").put("replyAddress", reply)
            .put("headers", new JsonObject().put("token", TOKEN))
            .put("body", new JsonObject(ORDER.replace("\"5\"", c[0]))));
        JsonObject err = read(in, reply);
        assertEquals("err", err.getString("type"), err.encode());
        assertTrue(err.getString("message").startsWith(c[1] + ":"), err.encode());
      }
      String reply = "r-name";
      write(out, new JsonObject().put("type", "send").put("address", "orders.submit").put("replyAddress", reply)
          .put("headers", new JsonObject().put("token", TOKEN))
          .put("body", new JsonObject(ORDER).put("clientOrderId", "<img src=x onerror=alert(1)>")));
      assertTrue(read(in, reply).getString("message").startsWith("INVALID_NAME:"));
    }
  }

  private static void write(DataOutputStream out, JsonObject frame) throws IOException {
    byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
    out.writeInt(json.length);
    out.write(json);
    out.flush();
  }

  private static JsonObject read(DataInputStream in, String address) throws IOException {
    while (true) {
      byte[] json = new byte[in.readInt()];
      in.readFully(json);
      JsonObject frame = new JsonObject(new String(json, StandardCharsets.UTF_8));
      if (address.equals(frame.getString("address"))) {
        return frame;
      }
    }
  }
}
