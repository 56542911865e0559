package io.tradingrt.signal;

import io.tradingrt.book.Portfolio;
import io.tradingrt.codecs.ControlCommand;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.JournalEntry;
import io.tradingrt.codecs.JournalImage;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.RiskDecision;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TimeInForce;
import io.tradingrt.execution.BrokerConfig;
import io.tradingrt.execution.BrokerResult;
import io.tradingrt.execution.PaperBroker;
import io.tradingrt.risk.InstrumentSpec;
import io.tradingrt.risk.Instruments;
import io.tradingrt.risk.RiskEngine;
import io.tradingrt.risk.RiskLimits;
import io.tradingrt.risk.TestData;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal is the truth: run the trading cores live on any sequence of quotes, strategy signals, operator orders
 * (market and limit, every time in force), cancels, session ends and control commands, journal what the verticles
 * journal, then rebuild fresh cores from that journal alone. Every core must come back in the live state — the
 * portfolio, the risk engine (its book, its working orders, its state), the paper broker's working orders and the
 * strategy's positions — and behave the same afterwards: the same probe quotes give the same fills and events, the
 * same probe orders the same risk decisions.
 */
class JournalRebuildProperties {

  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "TSLA");
  private static final Fixed CASH = Fixed.of(1_000_000);
  private static final Fixed SIZE = Fixed.of(1_000_000);
  private static final BrokerConfig BROKER = new BrokerConfig(1, 1, Fixed.of("0.01"), 0);

  sealed interface Step permits Quote, Order, Cancel, Control, SessionEnd {
  }

  /** Small displayed sizes, so orders fill partly and go on working. */
  record Quote(int symbol, int midCents, int spreadCents, int size) implements Step {
  }

  record Order(int symbol, Side side, int quantity, Integer limitOffsetCents, TimeInForce tif) implements Step {
  }

  record Cancel(int pick) implements Step {
  }

  record Control(ControlCommand command) implements Step {
  }

  record SessionEnd() implements Step {
  }

  @Property(tries = 300)
  void rebuildingFromTheJournalGivesTheLiveStateOfEveryCore(@ForAll("runs") List<Step> steps) {
    Live live = new Live();
    steps.forEach(live::apply);
    JournalImage image = live.journal.image(live.portfolio.peakEquity());
    Statistics.label("working orders").collect(image.workingOrders().isEmpty() ? "none"
        : image.workingOrders().stream().anyMatch(o -> o.filledQuantity().isPositive()) ? "some partly filled"
        : "some");
    Statistics.label("fills").collect(image.fills().isEmpty() ? "none" : image.fills().size() < 10 ? "< 10" : ">= 10");
    Statistics.label("state").collect(live.risk.state());

    Portfolio portfolio = new Portfolio(CASH);
    portfolio.rebuild(image.fills(), image.peakEquity(), fill -> { });
    RiskEngine risk = new RiskEngine(instruments(), limits(), live.clock);
    List<String> mismatches = risk.rebuild(image);
    PaperBroker broker = new PaperBroker(BROKER, live.clock);
    broker.seen(image.recentOrderIds());
    for (OrderEvent working : image.workingOrders()) {
      broker.resume(working, image.fills().stream().filter(f -> f.clientOrderId().equals(working.clientOrderId()))
          .toList());
    }
    Follower strategy = new Follower();
    strategy.rebuild(image.fills().stream().filter(f -> f.clientOrderId().startsWith("follower-")).toList(),
        image.workingOrders().stream().filter(o -> o.clientOrderId().startsWith("follower-")).toList());

    assertEquals(List.of(), mismatches, "the live run's own positions rows agree with its journal");
    for (String symbol : SYMBOLS) {
      assertEquals(live.portfolio.position(symbol), portfolio.position(symbol).map(p -> atTime(p, live, symbol)),
          "portfolio position " + symbol);
      assertEquals(live.portfolio.position(symbol).map(JournalRebuildProperties::book),
          risk.position(symbol).map(JournalRebuildProperties::book), "risk's position " + symbol);
      assertEquals(live.strategy.committedPosition(symbol), strategy.committedPosition(symbol), "committed " + symbol);
      assertEquals(live.strategy.filledPosition(symbol), strategy.filledPosition(symbol), "filled " + symbol);
    }
    assertEquals(live.portfolio.cash(), portfolio.cash());
    assertEquals(live.portfolio.realizedPnl(), portfolio.realizedPnl());
    assertEquals(live.portfolio.fees(), portfolio.fees());
    assertTrue(portfolio.peakEquity().compareTo(live.portfolio.peakEquity()) >= 0, "the stored peak is kept");
    assertEquals(live.risk.cash(), risk.cash());
    assertEquals(live.risk.realizedPnl(), risk.realizedPnl());
    assertEquals(live.risk.fees(), risk.fees());
    assertEquals(live.risk.state(), risk.state());
    assertEquals(live.risk.lastStateChange(), risk.lastStateChange());
    assertEquals(Set.copyOf(live.risk.openOrderIds()), Set.copyOf(risk.openOrderIds()), "risk's working orders");
    assertEquals(live.broker.workingOrders(), broker.workingOrders(), "the broker's working orders");

    // the same quotes afterwards: every resting order the live broker would fill, the rebuilt one fills alike
    for (String symbol : SYMBOLS) {
      for (Tick probe : List.of(quote(symbol, Fixed.of("0.01"), Fixed.of("0.02"), live.clock.nowMicros()),
          quote(symbol, Fixed.of(999_998), Fixed.of(999_999), live.clock.nowMicros()))) {
        BrokerResult expected = live.broker.onTick(probe);
        BrokerResult actual = broker.onTick(probe);
        assertEquals(expected.fills(), actual.fills(), "probe fills on " + probe);
        assertEquals(expected.events(), actual.events(), "probe events on " + probe);
      }
    }
    // and the same orders: risk decides alike (limits, duplicates, state, free cash, positions, pending orders)
    for (String symbol : SYMBOLS) {
      Tick mark = quote(symbol, Fixed.of("99.99"), Fixed.of("100.01"), live.clock.nowMicros());
      live.risk.onTick(mark);
      risk.onTick(mark);
    }
    List<OrderRequest> probes = new ArrayList<>();
    for (String symbol : SYMBOLS) {
      for (Side side : Side.values()) {
        for (String quantity : List.of("5", "40", "120")) {
          probes.add(new OrderRequest("probe-" + probes.size(), "manual", symbol, side, OrderType.MARKET,
              Fixed.of(quantity), null, TimeInForce.DAY, false, 0));
        }
      }
    }
    live.journal.orderIds.stream().limit(3).forEach(id -> probes.add(new OrderRequest(id, "manual", "AAPL", Side.BUY,
        OrderType.MARKET, Fixed.ONE, null, TimeInForce.DAY, false, 0)));
    for (OrderRequest probe : probes) {
      RiskDecision expected = live.risk.check(probe);
      RiskDecision actual = risk.check(probe);
      assertEquals(expected.approved(), actual.approved(), "decision on " + probe + ": " + expected + " / " + actual);
      assertEquals(expected.reason(), actual.reason(), "reason on " + probe);
    }
  }

  /** The mark of a rebuilt position is its last fill's price until a quote comes; compare the book, not the mark. */
  private static Position atTime(Position rebuilt, Live live, String symbol) {
    Position original = live.portfolio.position(symbol).orElseThrow();
    return new Position(rebuilt.symbol(), rebuilt.quantity(), rebuilt.avgPrice(), rebuilt.realizedPnl(),
        original.unrealizedPnl(), original.lastPrice(), original.tsMicros());
  }

  private static List<Fixed> book(Position p) {
    return List.of(p.quantity(), p.avgPrice(), p.realizedPnl());
  }

  /** The cores wired as the verticles wire them, and the journal the verticles write. */
  private static final class Live {
    final TestData.ManualClock clock = new TestData.ManualClock(1_000_000);
    final Portfolio portfolio = new Portfolio(CASH);
    final RiskEngine risk = new RiskEngine(instruments(), limits(), clock);
    final PaperBroker broker = new PaperBroker(BROKER, clock);
    final Follower strategy = new Follower();
    final Journal journal = new Journal();
    final Set<String> strategyOrders = new HashSet<>();
    final Map<String, Tick> quotes = new HashMap<>();
    int manualOrders;
    int strategyOrderCount;

    void apply(Step step) {
      clock.advance(1_000);
      if (step instanceof Quote q) {
        String symbol = SYMBOLS.get(q.symbol());
        Fixed mid = Fixed.ofRaw(q.midCents() * (Fixed.ONE_RAW / 100));
        Fixed half = Fixed.ofRaw(q.spreadCents() * (Fixed.ONE_RAW / 100));
        Tick tick = quote(symbol, mid.minus(half), mid.plus(half), Fixed.of(q.size()), clock.nowMicros());
        quotes.put(symbol, tick);
        risk.onTick(tick);
        portfolio.onTick(tick);
        publish(broker.onTick(tick));
        for (var signal : strategy.onTick(tick)) {
          String id = "follower-r1-" + (++strategyOrderCount);
          strategyOrders.add(id);
          submit(new OrderRequest(id, strategy.name(), symbol, signal.side(), OrderType.MARKET, signal.quantity(),
              null, TimeInForce.DAY, false, clock.nowMicros()));
        }
      } else if (step instanceof Order o) {
        String symbol = SYMBOLS.get(o.symbol());
        Tick quote = quotes.get(symbol);
        Fixed limit = null;
        if (o.limitOffsetCents() != null) {
          // whole cents, the instruments' tick size: quotes are whole cents too
          Fixed reference = quote == null ? Fixed.of(100) : quote.bid();
          limit = Fixed.max(reference.plus(Fixed.ofRaw(o.limitOffsetCents() * (Fixed.ONE_RAW / 100))),
              Fixed.of("0.01"));
        }
        submit(new OrderRequest("manual-" + (++manualOrders), "manual", symbol, o.side(),
            limit == null ? OrderType.MARKET : OrderType.LIMIT, Fixed.of(o.quantity()), limit, o.tif(), false,
            clock.nowMicros()));
      } else if (step instanceof Cancel c) {
        List<String> open = risk.openOrderIds();
        if (!open.isEmpty()) {
          publish(broker.cancel(open.get(Math.floorMod(c.pick(), open.size()))));
        }
      } else if (step instanceof Control c) {
        risk.control(c.command(), "operator " + c.command());
        if (c.command() == ControlCommand.KILL) {
          for (String id : risk.openOrderIds()) {
            publish(broker.cancel(id));
          }
        }
      } else {
        publish(broker.endOfDay());
      }
      risk.drainStateChanges().forEach(journal::stateChange);
    }

    /** As RiskVerticle: approvals go to the broker, denials are journaled DENIED events. */
    private void submit(OrderRequest order) {
      RiskDecision decision = risk.check(order);
      if (decision.approved()) {
        publish(broker.submit(order));
      } else {
        route(new OrderEvent(order.clientOrderId(), order.strategy(), order.symbol(), order.side(), order.type(),
            order.timeInForce(), OrderStatus.DENIED, order.quantity(), order.limitPrice(), Fixed.ZERO, Fixed.ZERO,
            decision.reason(), decision.message(), decision.tsMicros()));
      }
    }

    /** As ExecutionVerticle publishes and PortfolioVerticle, RiskVerticle and SignalVerticle consume. */
    private void publish(BrokerResult result) {
      for (Fill fill : result.fills()) {
        journal.fills.add(fill);
        portfolio.onFill(fill);
        risk.onFill(fill);
        if (strategyOrders.contains(fill.clientOrderId())) {
          strategy.onFill(fill);
        }
        portfolio.position(fill.symbol()).ifPresent(p -> journal.positions.put(p.symbol(), p));
      }
      result.events().forEach(this::route);
    }

    private void route(OrderEvent event) {
      journal.event(event);
      risk.onOrderEvent(event);
      if (strategyOrders.contains(event.clientOrderId())) {
        strategy.onOrderEvent(event);
      }
    }
  }

  /** What storage holds: as JournalRead reads it back. */
  private static final class Journal {
    final List<Fill> fills = new ArrayList<>();
    final Map<String, OrderEvent> latest = new LinkedHashMap<>();
    final List<String> orderIds = new ArrayList<>();
    final Map<String, Position> positions = new HashMap<>();
    JournalEntry lastStateChange;
    int entries;

    void event(OrderEvent event) {
      if (!latest.containsKey(event.clientOrderId())) {
        orderIds.add(event.clientOrderId());
      }
      // the working orders come back in submission order: the broker's queue priority
      latest.put(event.clientOrderId(), event);
    }

    void stateChange(RiskStateChange change) {
      lastStateChange = JournalEntry.stateChange("state/" + (++entries), change);
    }

    JournalImage image(Fixed peak) {
      List<OrderEvent> working = latest.values().stream().filter(e -> !e.status().isTerminal()).toList();
      Map<String, Fixed> traded = new HashMap<>();
      fills.forEach(f -> traded.merge(f.symbol(), f.side() == Side.BUY ? f.quantity() : f.quantity().negate(),
          Fixed::plus));
      return new JournalImage(1, fills.size(), 0, fills, working, List.copyOf(positions.values()), traded,
          lastStateChange, null, peak, orderIds);
    }
  }

  /** Targets +q / -q / flat by where the mid sits: signals come often and orders get denied, filled or canceled. */
  private static final class Follower extends TargetPositionStrategy<Void> {
    Follower() {
      super("follower", SYMBOLS);
    }

    @Override
    Void newState() {
      return null;
    }

    @Override
    Target target(Tick tick, Void state) {
      long cents = tick.mid().raw() / (Fixed.ONE_RAW / 100);
      long bucket = Math.floorMod(cents / 37, 3);
      return new Target(Fixed.of(bucket == 0 ? -20 : bucket == 1 ? 0 : 30), "bucket " + bucket);
    }
  }

  private static Tick quote(String symbol, Fixed bid, Fixed ask, long ts) {
    return quote(symbol, bid, ask, SIZE, ts);
  }

  private static Tick quote(String symbol, Fixed bid, Fixed ask, Fixed size, long ts) {
    return new Tick(symbol, ts, bid, ask, size, size, bid, Fixed.ONE, ts);
  }

  private static Instruments instruments() {
    Map<String, InstrumentSpec> specs = new HashMap<>();
    SYMBOLS.forEach(s -> specs.put(s, TestData.instrument()));
    return new Instruments(specs);
  }

  /** Position and exposure limits that bite, throttles off (their windows are not journaled: docs/recovery.md). */
  private static RiskLimits limits() {
    return TestData.limits().maxPosition(Fixed.of(100)).maxGross(Fixed.of(25_000)).initialCash(CASH).build();
  }

  @Provide
  Arbitrary<List<Step>> runs() {
    Arbitrary<Step> quoteSteps = Combinators.combine(Arbitraries.integers().between(0, SYMBOLS.size() - 1),
        Arbitraries.integers().between(9_000, 11_000), Arbitraries.integers().between(1, 20),
        Arbitraries.integers().between(1, 80)).as(Quote::new);
    Arbitrary<Step> orders = Combinators.combine(Arbitraries.integers().between(0, SYMBOLS.size() - 1),
        Arbitraries.of(Side.class), Arbitraries.integers().between(1, 60),
        Arbitraries.integers().between(-300, 300).injectNull(0.4), Arbitraries.of(TimeInForce.class))
        .as(Order::new);
    Arbitrary<Step> cancels = Arbitraries.integers().between(0, 50).map(Cancel::new);
    Arbitrary<Step> controls = Arbitraries.of(ControlCommand.class).map(Control::new);
    Arbitrary<Step> sessionEnds = Arbitraries.just(new SessionEnd());
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(10, quoteSteps), net.jqwik.api.Tuple.of(6, orders), net.jqwik.api.Tuple.of(2, cancels),
        net.jqwik.api.Tuple.of(1, controls), net.jqwik.api.Tuple.of(1, sessionEnds))
        .list().ofMinSize(20).ofMaxSize(300);
  }
}
