package io.tradingrt.risk;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.TradingState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tradingrt.risk.TestData.dec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the risk panel shows: each enabled limit's usage as the checks count it, denials by reason, flatten orders. */
class LimitUsageTest {
  private final TestData.ManualClock clock = new TestData.ManualClock(1_000_000_000);

  private RiskEngine engine() {
    RiskEngine engine = new RiskEngine(new Instruments(Map.of("AAPL", TestData.instrument(),
        "MSFT", TestData.instrument())), TestData.limits().maxPosition(dec("100")).maxGross(dec("50000"))
        .dailyLoss(dec("1000"), TradingState.HALTED).maxDrawdown(dec("2000"), TradingState.REDUCING)
        .throttle(5, 10, 1_000_000).build(), clock);
    engine.onTick(TestData.tick("AAPL").quote("99.99", "100.01").build());
    engine.onTick(TestData.tick("MSFT").quote("99.99", "100.01").build());
    return engine;
  }

  private static LimitUsage usage(RiskEngine engine, String name, String symbol) {
    return engine.limitUsage().stream().filter(u -> u.name().equals(name)
        && java.util.Objects.equals(u.symbol(), symbol)).findFirst().orElseThrow(() -> new AssertionError(name));
  }

  @Test
  void usageCountsOpenOrdersAndFillsAsTheChecksDo() {
    RiskEngine engine = engine();
    assertEquals(dec("0"), usage(engine, "maxPositionQuantity", "AAPL").used());
    OrderRequest buy = TestData.order("b1").symbol("AAPL").side(Side.BUY).quantity("40").strategy("alpha").build();
    assertTrue(engine.check(buy).approved());
    LimitUsage pending = usage(engine, "maxPositionQuantity", "AAPL");
    assertEquals(dec("40"), pending.used(), "an approved order counts at once");
    assertEquals(dec("100"), pending.limit());
    assertEquals(0.4, pending.ratio(), 1e-12);
    engine.onFill(new Fill("b1-F1", "b1", "alpha", "AAPL", Side.BUY, dec("40"), dec("100.01"), dec("0"), 1));
    assertEquals(dec("40"), usage(engine, "maxPositionQuantity", "AAPL").used(), "then as the position");
    assertEquals(dec("0"), usage(engine, "maxPositionQuantity", "MSFT").used());
    assertEquals(dec("4000"), usage(engine, "maxGrossExposure", null).used(), "40 at the mid 100");
    assertEquals(dec("4000.4"), usage(engine, "maxOrderNotional", null).used(), "40 at the ask");
    assertEquals(dec("1"), usage(engine, "throttleGlobal", null).used());
    LimitUsage alpha = engine.limitUsage().stream().filter(u -> "alpha".equals(u.strategy())).findFirst()
        .orElseThrow();
    assertEquals("throttlePerStrategy", alpha.name());
    assertEquals(dec("5"), alpha.limit());
    clock.advance(1_000_001);
    assertEquals(dec("0"), usage(engine, "throttleGlobal", null).used(), "the window moved on");
    engine.onTick(TestData.tick("AAPL").quote("89.99", "90.01").build());
    assertEquals(dec("400.4"), usage(engine, "dailyLossLimit", null).used(), "10 a share on 40 and the spread paid");
    assertEquals(dec("400.4"), usage(engine, "maxDrawdown", null).used());
  }

  @Test
  void disabledLimitsAreLeftOut() {
    RiskEngine engine = new RiskEngine(new Instruments(Map.of("AAPL", TestData.instrument())),
        TestData.limits().build(), clock);
    List<String> names = engine.limitUsage().stream().map(LimitUsage::name).distinct().toList();
    assertEquals(List.of("maxOrderNotional", "maxPositionQuantity", "maxGrossExposure"), names);
  }

  @Test
  void denialsAreCountedByReasonOverTheLastMinuteAndSinceStart() {
    RiskEngine engine = engine();
    engine.check(TestData.order("x1").symbol("NOPE").build());
    engine.check(TestData.order("x2").symbol("NOPE").build());
    engine.check(TestData.order("x3").symbol("AAPL").quantity("1.5").build());
    engine.countDenial(ReasonCode.NO_TRADING_CORE);
    assertEquals(Map.of(ReasonCode.UNKNOWN_INSTRUMENT, 2L, ReasonCode.QUANTITY_PRECISION, 1L,
        ReasonCode.NO_TRADING_CORE, 1L), engine.denialsLastMinute());
    clock.advance(61_000_000);
    engine.check(TestData.order("x4").symbol("NOPE").build());
    assertEquals(Map.of(ReasonCode.UNKNOWN_INSTRUMENT, 1L), engine.denialsLastMinute());
    assertEquals(3L, engine.denialsSinceStart().get(ReasonCode.UNKNOWN_INSTRUMENT));
  }

  @Test
  void flattenIsAReduceOnlyMarketOrderAgainstTheWholePositionAndPassesInReducing() {
    RiskEngine engine = engine();
    assertTrue(engine.flattenOrder("AAPL", "f0").isEmpty(), "nothing to flatten");
    engine.onFill(new Fill("s-F1", "s", "alpha", "AAPL", Side.SELL, dec("30"), dec("100"), dec("0"), 1));
    OrderRequest flatten = engine.flattenOrder("AAPL", "f1").orElseThrow();
    assertEquals(Side.BUY, flatten.side());
    assertEquals(dec("30"), flatten.quantity());
    assertTrue(flatten.reduceOnly());
    assertEquals(RiskEngine.OPERATOR_STRATEGY, flatten.strategy());
    engine.control(io.tradingrt.codecs.ControlCommand.REDUCE, "test");
    assertTrue(engine.check(flatten).approved());
    assertFalse(engine.check(engine.flattenOrder("AAPL", "f2").orElseThrow()).approved(),
        "a second flatten while the first is pending would flip the position");
  }
}
