package io.tradingrt.http;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Headers;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.TimeInForce;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tradingrt.http.EdgeStack.eventually;
import static io.tradingrt.http.RestClient.assertError;
import static io.tradingrt.http.RestClient.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each figure has one definition and each tick-to-trade figure one recorder (the metrics role's: feed-to-fill and
 * in-runtime): the live snapshot the dashboard draws, {@code /api/metrics/current}, {@code /api/metrics/execution}
 * and Prometheus {@code /metrics} agree on it.
 */
class OneFigureTest {
  private static final int FILLS = 7;
  private static final long LATENCY_MICROS = 40_000;
  private static final int SUBMITTED = 5;
  private static final long IN_RUNTIME_MICROS = 300;

  @Test
  void tickToTradeAndDenialsReadTheSameOnEveryView() {
    try (EdgeStack stack = EdgeStack.start().http(new JsonObject()).metrics()) {
      RestClient rest = new RestClient(stack.vertx, stack.httpPort());
      eventually(10, "the first live snapshot", () -> rest.get("/api/metrics/current").statusCode() == 200);
      for (int i = 0; i < FILLS; i++) {
        long tick = MicrosClock.SYSTEM.nowMicros() - LATENCY_MICROS;
        stack.vertx.eventBus().publish(Addresses.EXEC_FILLS, new Fill("f-" + i, "o-" + i, "figures", "AAPL", Side.BUY,
            Fixed.ONE, Fixed.of(100), Fixed.ZERO, MicrosClock.SYSTEM.nowMicros()),
            new DeliveryOptions().addHeader(Headers.TICK_MICROS, Long.toString(tick)));
      }
      // in-runtime tick-to-trade, the second figure: its tick entered the runtime 300 µs before the order reached
      // the broker; an order without the ingest header (an operator's) is not a tick-to-trade measurement
      for (int i = 0; i < SUBMITTED; i++) {
        long broker = MicrosClock.SYSTEM.nowMicros();
        DeliveryOptions headers = new DeliveryOptions().addHeader(Headers.BROKER_MICROS, Long.toString(broker));
        if (i > 0) {
          headers.addHeader(Headers.INGEST_MICROS, Long.toString(broker - IN_RUNTIME_MICROS));
        }
        stack.vertx.eventBus().publish(Addresses.EXEC_EVENTS, new OrderEvent("s-" + i, "figures", "AAPL", Side.BUY,
            OrderType.MARKET, TimeInForce.DAY, OrderStatus.SUBMITTED, Fixed.ONE, null, Fixed.ZERO, Fixed.ZERO, null,
            null, broker), headers);
      }
      for (int i = 0; i < 3; i++) {
        stack.vertx.eventBus().publish(Addresses.EXEC_EVENTS, new OrderEvent("d-" + i, "figures", "NOPE", Side.BUY,
            OrderType.MARKET, TimeInForce.DAY, OrderStatus.DENIED, Fixed.ONE, null, Fixed.ZERO, Fixed.ZERO,
            ReasonCode.UNKNOWN_INSTRUMENT, ReasonCode.UNKNOWN_INSTRUMENT.sentence(), MicrosClock.SYSTEM.nowMicros()));
      }

      eventually(10, "the fills in the execution summary", () -> rest.get("/api/metrics/execution?minutes=5")
          .bodyAsJsonObject().getJsonObject("tickToTrade").getLong("count") == FILLS);
      JsonObject execution = assertOk(rest.get("/api/metrics/execution?minutes=5"), 200);
      JsonObject latency = execution.getJsonObject("tickToTrade");
      assertTrue(latency.getLong("p50Micros") >= LATENCY_MICROS, latency.encode());
      assertEquals(FILLS, execution.getInteger("fills"));
      assertEquals(3, execution.getJsonObject("denialsByReason").getInteger("UNKNOWN_INSTRUMENT"), execution.encode());

      eventually(5, "the live snapshot with the fills", () -> rest.get("/api/metrics/current").bodyAsJsonObject()
          .getLong("fillsTotal") == FILLS);
      JsonObject current = assertOk(rest.get("/api/metrics/current"), 200);
      // the live window and the five-minute window hold the same seven fills here, so the same percentile
      assertEquals(latency.getLong("p50Micros"), current.getLong("tickToTradeP50Micros"), current.encode());
      assertEquals(latency.getLong("p99Micros"), current.getLong("tickToTradeP99Micros"), current.encode());
      assertEquals(3, current.getLong("ordersDenied"));
      assertEquals(3 + SUBMITTED, current.getLong("ordersTotal"));
      // HdrHistogram at 3 significant digits: 300 µs reads back as 300
      assertEquals(IN_RUNTIME_MICROS, current.getLong("inRuntimeP50Micros"), current.encode());
      assertEquals(IN_RUNTIME_MICROS, current.getLong("inRuntimeP99Micros"), current.encode());

      eventually(5, "Prometheus with the denials", () -> prometheus(rest,
          "tradingrt_orders_denied_total\\{[^}]*reason=\"UNKNOWN_INSTRUMENT\"[^}]*\\} (\\S+)") == 3);
      assertEquals(FILLS, prometheus(rest, "tradingrt_tick_to_trade_seconds_count(?:\\{[^}]*\\})? (\\S+)"));
      assertEquals(SUBMITTED - 1, prometheus(rest,
          "tradingrt_tick_to_trade_in_runtime_seconds_count(?:\\{[^}]*\\})? (\\S+)"));
    }
  }

  @Test
  void withoutTheMetricsRoleTheExecutionSummaryIsUnavailable() {
    try (EdgeStack stack = EdgeStack.start().http(new JsonObject())) {
      RestClient rest = new RestClient(stack.vertx, stack.httpPort());
      assertError(rest.get("/api/metrics/execution?minutes=5"), 503, "METRICS_UNAVAILABLE");
    }
  }

  private static double prometheus(RestClient rest, String regex) {
    Matcher m = Pattern.compile(regex).matcher(rest.get("/metrics").bodyAsString());
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }
}
