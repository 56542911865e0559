package io.tradingrt.execution;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TimeInForce;
import io.tradingrt.risk.TestData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Random quotes, orders, waits, cancels and session ends against a {@link PaperBroker}, with what came out. */
final class BrokerScenario {

  static final List<String> SYMBOLS = List.of("AAPL", "MSFT");

  sealed interface Step permits Quote, Submit, Wait, Cancel, EndOfDay {
  }

  record Quote(int symbol, long midCents, int halfSpreadCents, long displayedSize) implements Step {
  }

  /** A limit order is priced {@code offsetCents} through the mid; null offset makes a market order. */
  record Submit(int symbol, Side side, long quantity, Integer offsetCents, TimeInForce tif) implements Step {
  }

  record Wait(long micros) implements Step {
  }

  record Cancel(int pick) implements Step {
  }

  record EndOfDay() implements Step {
  }

  /** A fill and the quote that was current when it happened. */
  record QuotedFill(Fill fill, Tick quote, OrderRequest order) {
  }

  /** One quote of one symbol and every fill made against it. */
  record QuoteWindow(Tick quote, List<Fill> fills) {
  }

  final TestData.ManualClock clock = new TestData.ManualClock(1_000_000);
  final BrokerConfig config;
  final PaperBroker broker;
  final List<QuotedFill> fills = new ArrayList<>();
  final List<OrderEvent> events = new ArrayList<>();
  final Map<String, OrderRequest> orders = new LinkedHashMap<>();
  final List<QuoteWindow> quoteWindows = new ArrayList<>();
  private final Map<String, QuoteWindow> currentWindows = new HashMap<>();
  private int nextId;

  BrokerScenario(BrokerConfig config) {
    this.config = config;
    this.broker = new PaperBroker(config, clock);
  }

  static Arbitrary<BrokerConfig> configs() {
    return Combinators.combine(Arbitraries.longs().between(0, 50), Arbitraries.longs().between(-20, 30),
        Arbitraries.longs().between(-100, 100).map(cents -> Fixed.of(cents).dividedBy(Fixed.of(100))),
        Arbitraries.of(0L, 0L, 50_000L)).as(BrokerConfig::new);
  }

  static Arbitrary<List<Step>> steps() {
    Arbitrary<Integer> symbol = Arbitraries.integers().between(0, SYMBOLS.size() - 1);
    Arbitrary<Step> quote = Combinators.combine(symbol, Arbitraries.longs().between(9_000, 11_000),
        Arbitraries.integers().between(1, 20), Arbitraries.longs().between(0, 50)).as(Quote::new);
    Arbitrary<Integer> offset = Arbitraries.integers().between(-30, 30).injectNull(0.5);
    Arbitrary<Step> submit = Combinators.combine(symbol, Arbitraries.of(Side.class), Arbitraries.longs().between(1, 80),
        offset, Arbitraries.of(TimeInForce.class)).as(Submit::new);
    return Arbitraries.frequencyOf(Tuple.of(35, quote), Tuple.of(40, submit),
            Tuple.of(12, Arbitraries.longs().between(0, 40_000).map(Wait::new)),
            Tuple.of(8, Arbitraries.integers().between(0, 20).map(Cancel::new)),
            Tuple.of(2, Arbitraries.just(new EndOfDay())))
        .list().ofMaxSize(60);
  }

  BrokerScenario run(List<Step> steps) {
    for (Step step : steps) {
      if (step instanceof Quote q) {
        Fixed mid = cents(q.midCents());
        Fixed half = cents(q.halfSpreadCents());
        Tick tick = TestData.tick(SYMBOLS.get(q.symbol())).quote(mid.minus(half), mid.plus(half))
            .size(Fixed.of(q.displayedSize())).at(clock.nowMicros()).build();
        QuoteWindow window = new QuoteWindow(tick, new ArrayList<>());
        currentWindows.put(tick.symbol(), window);
        quoteWindows.add(window);
        record(broker.onTick(tick));
      } else if (step instanceof Submit s) {
        record(broker.submit(order(s)));
      } else if (step instanceof Wait w) {
        clock.advance(w.micros());
        record(broker.processDue());
      } else if (step instanceof Cancel c && !orders.isEmpty()) {
        record(broker.cancel(new ArrayList<>(orders.keySet()).get(c.pick() % orders.size())));
      } else if (step instanceof EndOfDay) {
        record(broker.endOfDay());
      }
    }
    return this;
  }

  /** Fills of one order, in order. */
  List<Fill> fillsOf(String clientOrderId) {
    return fills.stream().map(QuotedFill::fill).filter(f -> f.clientOrderId().equals(clientOrderId)).toList();
  }

  List<OrderEvent> eventsOf(String clientOrderId) {
    return events.stream().filter(e -> e.clientOrderId().equals(clientOrderId)).toList();
  }

  private OrderRequest order(Submit s) {
    String symbol = SYMBOLS.get(s.symbol());
    Fixed limit = null;
    if (s.offsetCents() != null) {
      QuoteWindow window = currentWindows.get(symbol);
      Fixed mid = window == null ? Fixed.of(100) : window.quote().mid();
      Fixed offset = cents(s.offsetCents());
      limit = s.side() == Side.BUY ? mid.plus(offset) : mid.minus(offset);
    }
    OrderRequest order = TestData.order("o" + (++nextId)).symbol(symbol).side(s.side())
        .quantity(Fixed.of(s.quantity())).limit(limit).tif(s.tif()).build();
    orders.put(order.clientOrderId(), order);
    return order;
  }

  private void record(BrokerResult result) {
    for (Fill fill : result.fills()) {
      QuoteWindow window = currentWindows.get(fill.symbol());
      fills.add(new QuotedFill(fill, window.quote(), orders.get(fill.clientOrderId())));
      window.fills().add(fill);
    }
    events.addAll(result.events());
  }

  private static Fixed cents(long cents) {
    return Fixed.of(cents).dividedBy(Fixed.of(100));
  }
}
