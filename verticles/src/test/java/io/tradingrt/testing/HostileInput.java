package io.tradingrt.testing;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Seeded generators of what a hostile but careful client sends: valid requests with one field corrupted, lenient or
 * out-of-range numbers, markup and control characters, undecodable escapes, deep nesting, wrong media types and
 * broken bridge frames. Seeded, so a failing run is reproduced by its seed.
 */
public final class HostileInput {
  public static final List<String> PATH_IDS = List.of("fz-1", "manual-x", "%ZZ", "%00", "%C3%28", "%3Cimg%3E",
      "a".repeat(100), "..%2F..%2Fetc", "%F0%9F%92%A9", "%E2%80%A8", "x%0Ay", "9223372036854775807", "%", "%2");
  public static final List<String> QUERY_VALUES = List.of("9223372036854775807", "-1", "0", "1", "abc",
      "2024-01-01T00:00:00Z", "2024-13-01T00:00:00Z", "%ZZ", "1e5", "%E2%80%A8", "", "99999999999999999999", "AAPL",
      "NOPE", "FILLED", "momentum", "%3Cscript%3E", "1m", "1d", "7y", "253402300800000000", "1.5", "%00");
  public static final List<String> QUERY_NAMES = List.of("from", "to", "limit", "offset", "symbol", "strategy",
      "status", "minutes", "name", "timeframe", "after", "bucketMicros", "x");
  private static final List<Object> FIELD_VALUES = List.of("20000000000", "10000000000", "-10000000000",
      "92233720368", "\u0661\u0662", "+5", " 5", "1E+2", "0x10", "5.123456789", "NaN", "", "<img src=x onerror=1>",
      "a\nb", "x".repeat(5_000), "1e400", 5, -5, 0, 5.5, 1e-7, Long.MAX_VALUE, true, false,
      new JsonArray().add(1), new JsonObject().put("a", 1), "BUY", "SELL", "LIMIT", "MARKET", "IOC", "FOK", "DAY",
      "GTC", "AAPL", "NOPE", "HALT", "KILL");
  private static final List<String> ORDER_FIELDS = List.of("clientOrderId", "strategy", "symbol", "side", "type",
      "quantity", "limitPrice", "timeInForce", "reduceOnly", "tsMicros", "extra");

  private final Random random;

  public HostileInput(long seed) {
    this.random = new Random(seed);
  }

  public Random random() {
    return random;
  }

  public <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  public boolean chance(double p) {
    return random.nextDouble() < p;
  }

  public JsonObject validOrder() {
    JsonObject order = new JsonObject().put("symbol", pick(List.of("AAPL", "MSFT", "GOOG", "AMZN", "TSLA")))
        .put("side", pick(List.of("BUY", "SELL"))).put("quantity", Integer.toString(1 + random.nextInt(5)));
    if (chance(0.3)) {
      order.put("type", "LIMIT").put("limitPrice", "100").put("timeInForce", pick(List.of("DAY", "GTC", "IOC")));
    }
    return order;
  }

  /** A JSON body: mostly a valid order with one field corrupted, sometimes something that is not an order at all. */
  public Buffer body() {
    int kind = random.nextInt(10);
    return switch (kind) {
      case 0 -> Buffer.buffer(validOrder().encode());
      case 1, 2, 3, 4 -> {
        JsonObject order = validOrder();
        order.put(pick(ORDER_FIELDS), pick(FIELD_VALUES));
        if (chance(0.3)) {
          order.put(pick(ORDER_FIELDS), pick(FIELD_VALUES));
        }
        yield Buffer.buffer(order.encode());
      }
      case 5 -> {
        String json = validOrder().encode();
        yield Buffer.buffer(json.substring(0, random.nextInt(json.length())));
      }
      case 6 -> Buffer.buffer(pick(List.of("null", "[]", "[1,2]", "\"x\"", "42", "{}", "{\"reason\":null}",
          "{\"reason\":\"" + "r".repeat(300) + "\"}", "{\"reason\":\"a\\nFORGED SEVERE line\"}", "{\"dir\":\"../../etc\"}",
          "{\"dir\":\"/etc/x\"}", "{\"dir\":\"a/../../b\"}", "{\"dir\":\"x.partial\"}", "{\"dir\":null}",
          "{\"dir\":5}")));
      case 7 -> Buffer.buffer("[".repeat(5_000) + "]".repeat(5_000));
      case 8 -> {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        yield Buffer.buffer(bytes);
      }
      default -> Buffer.buffer("{\"symbol\":\"AAPL\",\"side\":\"BUY\",\"quantity\":" + pick(List.of("1E+2", "1e400",
          "-0", "0.1", "12345678901234567890", "\"\\u0661\"", "\"\\u0000\"")) + "}");
    };
  }

  public String contentType() {
    return pick(List.of("application/json", "application/json", "application/json", "application/json; charset=utf-8",
        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "application/xml"));
  }

  /** A bridge frame's JSON: valid pings and registrations, sends with corrupted bodies, wrong field types. */
  public JsonObject frame(String token) {
    int kind = random.nextInt(8);
    JsonObject headers = new JsonObject();
    if (chance(0.8)) {
      headers.put("token", chance(0.9) ? token : "wrong");
    }
    return switch (kind) {
      case 0 -> new JsonObject().put("type", "ping");
      case 1 -> new JsonObject().put("type", pick(List.of("register", "unregister"))).put("address",
          pick(List.of("metrics.live", "exec.fills", "md.ticks", "storage.query.orders", "<x>", "", "a".repeat(300))));
      case 2, 3, 4 -> new JsonObject().put("type", pick(List.of("send", "publish"))).put("address", "orders.submit")
          .put("replyAddress", "r-" + random.nextInt(1_000_000)).put("headers", headers)
          .put("body", chance(0.3) ? validOrder() : validOrder().put(pick(ORDER_FIELDS), pick(FIELD_VALUES)));
      case 5 -> new JsonObject().put("type", "send").put("address", "risk.control")
          .put("replyAddress", "c-" + random.nextInt(1_000_000)).put("headers", headers)
          .put("body", new JsonObject().put("command", pick(List.of("HALT", "RESUME", "REDUCE", "EXPLODE", "")))
              .put("reason", pick(List.of("fuzz", "a\nb", "<b>x</b>", "r".repeat(300)))));
      case 6 -> new JsonObject().put("type", pick(List.of("send", "publish", "bogus", ""))).put("address",
          pick(List.of("orders.submit", "risk.control", "exec.submit", "storage.fills"))).put("headers",
          chance(0.5) ? headers : new JsonObject().put("token", new JsonArray().add(token)))
          .put("body", pick(FIELD_VALUES));
      default -> new JsonObject().put("type", "send").put("address", "orders.submit")
          .put("headers", new JsonObject().put("token", token).put("codecName", "x"))
          .put("body", validOrder());
    };
  }

  /** Bytes that are not a valid frame payload: bad UTF-8, not JSON, the wrong JSON shape. */
  public byte[] brokenPayload() {
    return switch (random.nextInt(5)) {
      case 0 -> new byte[] {(byte) 0xC3, (byte) 0x28, '{', '}'};
      case 1 -> "{\"type\":".getBytes(StandardCharsets.UTF_8);
      case 2 -> "[1,2,3]".getBytes(StandardCharsets.UTF_8);
      case 3 -> "{\"type\":null}".getBytes(StandardCharsets.UTF_8);
      default -> "{\"type\":\"send\",\"address\":\"orders.submit\",\"headers\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    };
  }
}
