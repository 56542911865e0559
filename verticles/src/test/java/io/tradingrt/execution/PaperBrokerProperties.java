package io.tradingrt.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.TimeInForce;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The paper broker's fill rules over random quotes, orders, waits, cancels and session ends. */
class PaperBrokerProperties {

  @Provide
  Arbitrary<BrokerConfig> configs() {
    return BrokerScenario.configs();
  }

  @Provide
  Arbitrary<List<BrokerScenario.Step>> steps() {
    return BrokerScenario.steps();
  }

  @Property(tries = 1000)
  void marketBuyNeverFillsBelowTheAskNorMarketSellAboveTheBidBeforeSlippage(@ForAll("configs") BrokerConfig config,
      @ForAll("steps") List<BrokerScenario.Step> steps) {
    for (BrokerScenario.QuotedFill q : new BrokerScenario(config).run(steps).fills) {
      if (q.order().type() == OrderType.MARKET) {
        Fixed touch = q.fill().side() == Side.BUY ? q.quote().ask() : q.quote().bid();
        Fixed slippage = touch.timesBps(config.slippageBps());
        Fixed beforeSlippage = q.fill().side() == Side.BUY ? q.fill().price().minus(slippage)
            : q.fill().price().plus(slippage);
        assertEquals(touch, beforeSlippage, () -> q.fill() + " against " + q.quote());
        assertTrue(q.fill().side() == Side.BUY ? q.fill().price().compareTo(touch) >= 0
            : q.fill().price().compareTo(touch) <= 0, () -> "slippage favoured " + q.fill());
      }
    }
  }

  @Property(tries = 1000)
  void limitOrdersNeverFillWorseThanTheirLimit(@ForAll("configs") BrokerConfig config,
      @ForAll("steps") List<BrokerScenario.Step> steps) {
    for (BrokerScenario.QuotedFill q : new BrokerScenario(config).run(steps).fills) {
      if (q.order().type() == OrderType.LIMIT) {
        int worse = q.fill().side() == Side.BUY ? 1 : -1;
        assertTrue(q.fill().price().compareTo(q.order().limitPrice()) * worse <= 0,
            () -> q.fill() + " vs " + q.order());
      }
    }
  }

  @Property(tries = 1000)
  void sumOfFillsEqualsTheFilledQuantity(@ForAll("configs") BrokerConfig config,
      @ForAll("steps") List<BrokerScenario.Step> steps) {
    BrokerScenario scenario = new BrokerScenario(config).run(steps);
    for (OrderRequest order : scenario.orders.values()) {
      List<OrderEvent> events = scenario.eventsOf(order.clientOrderId());
      Fixed reported = events.isEmpty() ? Fixed.ZERO : events.get(events.size() - 1).filledQuantity();
      Fixed summed = scenario.fillsOf(order.clientOrderId()).stream().map(Fill::quantity)
          .reduce(Fixed.ZERO, Fixed::plus);
      assertEquals(reported, summed, () -> "fills of " + order);
      assertTrue(summed.compareTo(order.quantity()) <= 0, () -> "overfilled " + order);
    }
  }

  @Property(tries = 1000)
  void feesAreNeverNegative(@ForAll("configs") BrokerConfig config, @ForAll("steps") List<BrokerScenario.Step> steps) {
    for (BrokerScenario.QuotedFill q : new BrokerScenario(config).run(steps).fills) {
      assertTrue(!q.fill().fee().isNegative(), () -> "negative fee on " + q.fill());
    }
  }

  @Property(tries = 1000)
  void fillsNeverTakeMoreThanTheDisplayedSize(@ForAll("configs") BrokerConfig config,
      @ForAll("steps") List<BrokerScenario.Step> steps) {
    for (BrokerScenario.QuoteWindow window : new BrokerScenario(config).run(steps).quoteWindows) {
      Fixed bought = sum(window.fills(), Side.BUY);
      Fixed sold = sum(window.fills(), Side.SELL);
      assertTrue(bought.compareTo(window.quote().askSize()) <= 0, () -> "bought " + bought + " from " + window);
      assertTrue(sold.compareTo(window.quote().bidSize()) <= 0, () -> "sold " + sold + " into " + window);
    }
  }

  @Property(tries = 1000)
  void fillOrKillFillsEverythingOrNothing(@ForAll("configs") BrokerConfig config,
      @ForAll("steps") List<BrokerScenario.Step> steps) {
    BrokerScenario scenario = new BrokerScenario(config).run(steps);
    for (OrderRequest order : scenario.orders.values()) {
      if (order.timeInForce() == TimeInForce.FOK) {
        Fixed filled = sum(scenario.fillsOf(order.clientOrderId()), order.side());
        assertTrue(filled.isZero() || filled.equals(order.quantity()), () -> "FOK " + order + " filled " + filled);
      }
    }
  }

  @Property(tries = 1000)
  void brokerEventsFollowTheTransitionTable(@ForAll("configs") BrokerConfig config,
      @ForAll("steps") List<BrokerScenario.Step> steps) {
    BrokerScenario scenario = new BrokerScenario(config).run(steps);
    for (OrderRequest order : scenario.orders.values()) {
      OrderStatus previous = OrderStatus.INITIALIZED;
      for (OrderEvent event : scenario.eventsOf(order.clientOrderId())) {
        OrderStatus from = previous;
        assertTrue(OrderStateMachine.isLegal(from, event.status()), () -> from + " -> " + event.status());
        previous = event.status();
      }
    }
  }

  @Property(tries = 1000)
  void sameInputsGiveTheSameEventsAndFills(@ForAll("configs") BrokerConfig config,
      @ForAll("steps") List<BrokerScenario.Step> steps) {
    BrokerScenario first = new BrokerScenario(config).run(steps);
    BrokerScenario second = new BrokerScenario(config).run(steps);
    assertEquals(first.events, second.events);
    assertEquals(first.fills, second.fills);
  }

  private static Fixed sum(List<Fill> fills, Side side) {
    return fills.stream().filter(f -> f.side() == side).map(Fill::quantity).reduce(Fixed.ZERO, Fixed::plus);
  }
}
