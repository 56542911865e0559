package io.tradingrt.figures;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one definition of tick-to-trade latency and of order counts, and the windows the one recorder answers. */
class TickToTradeTest {
  private static final long T0 = 1_700_000_000_000_000L;

  @Test
  void latencyIsArrivalMinusThePlannedTickTimeClampedToAnHour() {
    assertEquals(250, TickToTrade.latencyMicros(T0 + 250, T0));
    assertEquals(0, TickToTrade.latencyMicros(T0 - 5, T0), "a tick stamped after the fill is no negative latency");
    assertEquals(TickToTrade.MAX_LATENCY_MICROS,
        TickToTrade.latencyMicros(T0 + 2 * TickToTrade.MAX_LATENCY_MICROS, T0));
    assertEquals(-1, TickToTrade.latencyMicros(T0, 0), "no causing tick, no measurement");
  }

  @Test
  void aWindowSeesOnlyTheFillsThatArrivedInIt() {
    TickToTrade recorder = new TickToTrade(T0);
    for (int i = 1; i <= 100; i++) {
      recorder.record(T0 + i * 1_000_000L, T0 + i * 1_000_000L - 1_000);
    }
    recorder.record(T0 + 101_000_000L, T0 + 101_000_000L - 9_000);
    assertEquals(101, recorder.sinceStart().count());
    TickToTrade.Summary last = recorder.since(T0 + 101_000_000L);
    assertEquals(1, last.count());
    assertEquals(9_000, last.p50Micros(), 9);
    assertEquals(9_000, last.maxMicros(), 9);
    TickToTrade.Summary all = recorder.since(Long.MIN_VALUE);
    assertEquals(recorder.sinceStart(), all, "the same percentiles whichever view reads them");
    assertEquals(1_000, all.p50Micros(), 1);
    assertEquals(0, recorder.since(T0 + 200_000_000L).count());
  }

  @Test
  void timeWindowsKeepTheLatestFillsOnly() {
    TickToTrade recorder = new TickToTrade(T0);
    for (int i = 0; i < TickToTrade.RECENT_SAMPLES + 10; i++) {
      recorder.record(T0 + i, T0 + i - 100);
    }
    assertEquals(TickToTrade.RECENT_SAMPLES, recorder.since(Long.MIN_VALUE).count());
    assertEquals(TickToTrade.RECENT_SAMPLES + 10, recorder.sinceStart().count());
  }

  @Test
  void ordersAreCountedOnceWhenTheyEnterTheLifecycleAndDenialsByCode() {
    OrderCounts counts = OrderCounts.of(List.of(event(OrderStatus.SUBMITTED, null), event(OrderStatus.ACCEPTED, null),
        event(OrderStatus.FILLED, null), event(OrderStatus.DENIED, ReasonCode.UNKNOWN_INSTRUMENT),
        event(OrderStatus.DENIED, ReasonCode.UNKNOWN_INSTRUMENT), event(OrderStatus.EXPIRED, ReasonCode.SESSION_END)));
    assertEquals(3, counts.orders());
    assertEquals(2, counts.denied());
    assertEquals(Map.of(ReasonCode.UNKNOWN_INSTRUMENT, 2L), counts.denialsByReason());
    assertEquals(Map.of("UNKNOWN_INSTRUMENT", 2L), counts.toMap().get("denialsByReason"));
    assertTrue(((Map<?, ?>) counts.toMap().get("ordersByStatus")).containsKey("EXPIRED"));
  }

  private static OrderEvent event(OrderStatus status, ReasonCode reason) {
    return new OrderEvent("o", "s", "AAPL", Side.BUY, OrderType.MARKET, TimeInForce.DAY, status, Fixed.ONE, null,
        Fixed.ZERO, Fixed.ZERO, reason, reason == null ? null : reason.sentence(), T0);
  }
}
