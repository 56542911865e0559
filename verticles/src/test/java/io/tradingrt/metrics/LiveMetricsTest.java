package io.tradingrt.metrics;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.MetricsSnapshot;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.PortfolioSnapshot;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.Signal;
import io.tradingrt.codecs.TimeInForce;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.codecs.TradingState;
import io.tradingrt.figures.JvmSample;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveMetricsTest {
  private final AtomicLong now = new AtomicLong(1_700_000_000_000_000L);
  private final LiveMetrics live = new LiveMetrics(now::get);

  @Test
  void ticksAreCountedInTotalPerSymbolAndAsARate() {
    live.snapshot();
    for (int i = 0; i < 10; i++) {
      live.onTicks(batch("AAPL", "AAPL", "MSFT"));
      now.addAndGet(100_000);
    }
    MetricsSnapshot snapshot = live.snapshot();
    assertEquals(30, snapshot.ticksTotal());
    assertEquals(30, snapshot.ticksPerSecond());
    assertEquals(Map.of("AAPL", 20L, "MSFT", 10L), live.ticksBySymbol());
    assertEquals(Map.of("AAPL", 20L, "MSFT", 10L), live.tickRateBySymbol());
  }

  @Test
  void theRateFallsToZeroWhenTicksStop() {
    live.snapshot();
    live.onTicks(batch("AAPL"));
    now.addAndGet(1_000_000);
    live.snapshot();
    now.addAndGet(3_000_000);
    assertEquals(0, live.snapshot().ticksPerSecond());
  }

  @Test
  void ordersAreCountedOnceByStatusAndDenialsByReason() {
    live.onOrderEvent(order("a", OrderStatus.SUBMITTED, null));
    live.onOrderEvent(order("a", OrderStatus.ACCEPTED, null));
    live.onOrderEvent(order("a", OrderStatus.FILLED, null));
    live.onOrderEvent(order("b", OrderStatus.DENIED, ReasonCode.MAX_NOTIONAL_EXCEEDED));
    live.onOrderEvent(order("c", OrderStatus.DENIED, ReasonCode.TRADING_HALTED));
    live.onSignal(new Signal("s", "AAPL", Side.BUY, Fixed.ONE, Fixed.of(100), now.get(), "cross"));
    MetricsSnapshot snapshot = live.snapshot();
    assertEquals(3, snapshot.ordersTotal());
    assertEquals(2, snapshot.ordersDenied());
    assertEquals(1, snapshot.signalsTotal());
    assertEquals(1, live.orders(OrderStatus.FILLED));
    assertEquals(Map.of(ReasonCode.MAX_NOTIONAL_EXCEEDED, 1L, ReasonCode.TRADING_HALTED, 1L),
        live.denialsByReason());
  }

  @Test
  void tickToTradeIsMeasuredFromThePlannedTickTime() {
    List<Long> latencies = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      latencies.add(live.onFill(fill(), now.get() - i * 10L));
    }
    assertEquals(-1, live.onFill(fill(), 0), "a fill without a tick time is counted but not measured");
    assertEquals(10L, latencies.get(0));
    MetricsSnapshot snapshot = live.snapshot();
    assertEquals(101, snapshot.fillsTotal());
    assertEquals(500, snapshot.tickToTradeP50Micros(), 1);
    assertEquals(990, snapshot.tickToTradeP99Micros(), 1);
    assertEquals(100, live.tickToTrade().sinceStart().count());
  }

  @Test
  void latencyPercentilesForgetOldWindows() {
    live.onFill(fill(), now.get() - 5_000);
    assertTrue(live.snapshot().tickToTradeP50Micros() >= 4_990);
    now.addAndGet(25_000_000);
    assertEquals(0, live.snapshot().tickToTradeP50Micros());
    assertTrue(live.tickToTrade().sinceStart().p50Micros() >= 4_990, "the since-start figure keeps it");
  }

  @Test
  void snapshotCarriesAccountStateWriterAndJvm() {
    live.onPortfolio(new PortfolioSnapshot(now.get(), Fixed.of(900), Fixed.of(1010), Fixed.of(7), Fixed.of(3),
        Fixed.ONE, Fixed.of(110), Fixed.of(110), Fixed.of(1020), Fixed.of(10), List.of()));
    live.onRiskState(new RiskStateChange(TradingState.ACTIVE, TradingState.HALTED, ReasonCode.HALT, "operator",
        now.get()));
    live.setWriterHealth(42, 3);
    live.setJvm(new JvmSample(100, 200, 250, 10, 1000));
    MetricsSnapshot snapshot = live.snapshot();
    assertEquals(Fixed.of(1010), snapshot.equity());
    assertEquals(Fixed.of(7), snapshot.realizedPnl());
    assertEquals(Fixed.of(3), snapshot.unrealizedPnl());
    assertEquals(Fixed.of(10), snapshot.drawdown());
    assertEquals(TradingState.HALTED, snapshot.tradingState());
    assertEquals(42, snapshot.writerQueueDepth());
    assertEquals(3, snapshot.writerDropped());
    assertEquals(100, snapshot.heapUsedBytes());
    assertEquals(250, snapshot.cpuPermille());
  }

  @Test
  void theQuoteSamplerHandsOutOnlyTheLatestChangedQuotes() {
    QuoteSampler sampler = new QuoteSampler();
    sampler.offer(batch("AAPL", "AAPL", "MSFT"));
    List<Tick> first = sampler.drain();
    assertEquals(2, first.size());
    assertEquals(1, first.get(0).seq(), "the later AAPL tick wins");
    assertEquals(List.of(), sampler.drain());
    assertEquals(2, sampler.latest().size());
  }

  private TickBatch batch(String... symbols) {
    List<Tick> ticks = new ArrayList<>();
    for (int i = 0; i < symbols.length; i++) {
      ticks.add(new Tick(symbols[i], now.get(), Fixed.of(100), Fixed.of(101), Fixed.ONE, Fixed.ONE, Fixed.of(100),
          Fixed.ONE, i));
    }
    return new TickBatch(ticks);
  }

  private OrderEvent order(String id, OrderStatus status, ReasonCode reason) {
    return new OrderEvent(id, "s", "AAPL", Side.BUY, OrderType.MARKET, TimeInForce.DAY, status, Fixed.ONE, null,
        Fixed.ZERO, Fixed.ZERO, reason, reason == null ? null : "denied", now.get());
  }

  private Fill fill() {
    return new Fill("f", "a", "s", "AAPL", Side.BUY, Fixed.ONE, Fixed.of(100), Fixed.ZERO, now.get());
  }
}
