package io.tradingrt.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.TimeInForce;
import io.tradingrt.codecs.Signal;
import io.tradingrt.risk.TestData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MovingAverageCrossoverTest {

  private final MovingAverageCrossover strategy =
      new MovingAverageCrossover("momentum", List.of("AAPL"), 2, 4, Fixed.of(10));

  @Test
  void theFirstFullWindowOnlySetsTheRegime() {
    assertEquals(List.of(), feed("10", "10", "10", "10", "9"));
  }

  @Test
  void aCrossUpGoesLongTheConfiguredQuantity() {
    List<Signal> signals = feed("10", "10", "10", "10", "9", "12");

    assertEquals(1, signals.size());
    assertEquals(Side.BUY, signals.get(0).side());
    assertEquals(Fixed.of(10), signals.get(0).quantity());
    assertTrue(signals.get(0).reason().contains("above"));
  }

  @Test
  void aCrossDownReversesFromLongToShort() {
    List<Signal> signals = feed("10", "10", "10", "10", "9", "12", "6");

    assertEquals(2, signals.size());
    assertEquals(Side.SELL, signals.get(1).side());
    assertEquals(Fixed.of(20), signals.get(1).quantity());
    assertEquals(Fixed.of(-10), strategy.committedPosition("AAPL"));
  }

  @Test
  void aDeniedOrderIsCaughtUpAtTheNextCross() {
    Signal buy = feed("10", "10", "10", "10", "9", "12").get(0);
    strategy.onOrderEvent(new OrderEvent("momentum-1", "momentum", "AAPL", buy.side(), OrderType.MARKET,
        TimeInForce.DAY, OrderStatus.DENIED, buy.quantity(), null, Fixed.ZERO, Fixed.ZERO, ReasonCode.TRADING_HALTED,
        "halted", 0));

    List<Signal> next = feed("6");

    assertEquals(Side.SELL, next.get(0).side());
    assertEquals(Fixed.of(10), next.get(0).quantity());
  }

  @Test
  void ticksOfOtherSymbolsAreIgnored() {
    assertEquals(List.of(), strategy.onTick(TestData.tick("MSFT").mid("10").build()));
  }

  private List<Signal> feed(String... mids) {
    List<Signal> signals = new ArrayList<>();
    for (String mid : mids) {
      signals.addAll(strategy.onTick(TestData.tick("AAPL").mid(mid).build()));
    }
    return signals;
  }
}
