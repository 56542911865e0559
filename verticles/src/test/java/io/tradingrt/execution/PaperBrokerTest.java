package io.tradingrt.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.TimeInForce;
import io.tradingrt.risk.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaperBrokerTest {

  private final TestData.ManualClock clock = new TestData.ManualClock(1_000);
  private final PaperBroker broker = new PaperBroker(new BrokerConfig(0, 10, Fixed.of("0.01"), 0), clock);

  @Test
  void aMarketOrderLargerThanTheDisplayedSizeFillsPartlyAndContinuesOnTheNextTick() {
    broker.onTick(TestData.tick("AAPL").quote("99.99", "100.01").size(Fixed.of(6)).build());

    BrokerResult first = broker.submit(TestData.order("o1").quantity("10").build());
    BrokerResult second = broker.onTick(TestData.tick("AAPL").quote("100.00", "100.02").size(Fixed.of(6)).build());

    assertEquals(Fixed.of(6), first.fills().get(0).quantity());
    assertEquals(List.of(OrderStatus.SUBMITTED, OrderStatus.ACCEPTED, OrderStatus.PARTIALLY_FILLED),
        statuses(first.events()));
    assertEquals(Fixed.of(4), second.fills().get(0).quantity());
    assertEquals(Fixed.of("100.02"), second.fills().get(0).price());
    assertEquals("o1-F2", second.fills().get(0).fillId());
    assertEquals(List.of(OrderStatus.FILLED), statuses(second.events()));
  }

  @Test
  void immediateOrCancelCancelsTheRemainderAndFillOrKillExpiresUntouched() {
    broker.onTick(TestData.tick("AAPL").size(Fixed.of(6)).build());

    BrokerResult ioc = broker.submit(TestData.order("ioc").quantity("10").tif(TimeInForce.IOC).build());
    BrokerResult fok = broker.submit(TestData.order("fok").quantity("10").tif(TimeInForce.FOK).build());

    assertEquals(OrderStatus.CANCELED, last(ioc.events()).status());
    assertEquals(Fixed.of(6), last(ioc.events()).filledQuantity());
    assertEquals(OrderStatus.EXPIRED, last(fok.events()).status());
    assertEquals(ReasonCode.FOK_NOT_FILLABLE, last(fok.events()).reasonCode());
    assertEquals(List.of(), fok.fills());
  }

  @Test
  void aLimitOrderRestsUntilMarketableAndFillsAtTheQuoteWithAFeeOfAtLeastTheMinimum() {
    broker.onTick(TestData.tick("AAPL").quote("99.99", "100.01").build());
    BrokerResult resting = broker.submit(TestData.order("o1").quantity("1").limit(Fixed.of("99.50")).build());

    BrokerResult crossed = broker.onTick(TestData.tick("AAPL").quote("99.40", "99.45").build());

    assertEquals(List.of(), resting.fills());
    assertEquals(Fixed.of("99.45"), crossed.fills().get(0).price());
    assertEquals(Fixed.of("0.09945"), crossed.fills().get(0).fee());
  }

  @Test
  void ordersBecomeEligibleOnlyAfterTheLatencyAndDayOrdersExpireAtTheSessionEnd() {
    PaperBroker slow = new PaperBroker(new BrokerConfig(0, 0, Fixed.ZERO, 500), clock);
    slow.onTick(TestData.tick("AAPL").build());
    slow.submit(TestData.order("early").build());
    slow.submit(TestData.order("day").limit(Fixed.of("90")).build());

    BrokerResult tooSoon = slow.onTick(TestData.tick("AAPL").build());
    clock.advance(500);
    BrokerResult due = slow.onTick(TestData.tick("AAPL").build());
    BrokerResult sessionEnd = slow.endOfDay();

    assertEquals(List.of(), tooSoon.fills());
    assertEquals("early", due.fills().get(0).clientOrderId());
    assertEquals(List.of(OrderStatus.EXPIRED), statuses(sessionEnd.events()));
    assertEquals("day", sessionEnd.events().get(0).clientOrderId());
  }

  @Test
  void anOrderThatArrivesAfterLaterQuotesMeetsTheQuoteOfItsOwnTimeThenTheLaterOnes() {
    broker.onTick(TestData.tick("AAPL").quote("99.99", "100.01").size(Fixed.of(6)).at(1_000).build());
    broker.onTick(TestData.tick("MSFT").quote("50.00", "50.02").at(1_010).build());
    broker.onTick(TestData.tick("AAPL").quote("100.10", "100.12").size(Fixed.of(6)).at(1_020).build());
    broker.onTick(TestData.tick("AAPL").quote("100.20", "100.22").size(Fixed.of(6)).at(1_030).build());

    // caused by the first AAPL quote, it reached the broker three quotes later: the backtest would have filled it then
    BrokerResult late = broker.submit(TestData.order("late").quantity("10").at(1_000).build());
    BrokerResult now = broker.submit(TestData.order("now").quantity("1").at(1_030).build());
    BrokerResult undated = broker.submit(TestData.order("undated").quantity("1").at(0).build());

    assertEquals(List.of(Fixed.of("100.01"), Fixed.of("100.12")), late.fills().stream().map(f -> f.price()).toList());
    assertEquals(List.of(Fixed.of(6), Fixed.of(4)), late.fills().stream().map(f -> f.quantity()).toList());
    assertEquals(OrderStatus.FILLED, last(late.events()).status());
    assertEquals(Fixed.of("100.22"), now.fills().get(0).price(), "an order of the current quote's time meets it");
    assertEquals(Fixed.of("100.22"), undated.fills().get(0).price(), "older than every kept quote: the current one");
  }

  private static List<OrderStatus> statuses(List<OrderEvent> events) {
    return events.stream().map(OrderEvent::status).toList();
  }

  private static OrderEvent last(List<OrderEvent> events) {
    return events.get(events.size() - 1);
  }
}
