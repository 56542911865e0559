package io.tradingrt.backtest;

import io.tradingrt.book.Portfolio;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.RiskDecision;
import io.tradingrt.codecs.Signal;
import io.tradingrt.codecs.Tick;
import io.tradingrt.config.StrategySettings;
import io.tradingrt.execution.BrokerConfig;
import io.tradingrt.execution.BrokerResult;
import io.tradingrt.execution.PaperBroker;
import io.tradingrt.ingest.BarAggregator;
import io.tradingrt.risk.Instruments;
import io.tradingrt.risk.RiskEngine;
import io.tradingrt.risk.RiskLimits;
import io.tradingrt.signal.OrderIds;
import io.tradingrt.signal.Strategy;
import io.tradingrt.signal.StrategyFactory;
import io.tradingrt.time.TradingCalendar;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One backtest: the live cores — each configured {@link Strategy}, {@link RiskEngine}, {@link PaperBroker},
 * {@link Portfolio} and {@link BarAggregator} — driven on one thread in data time, without the bus, in the order the
 * live verticles see a tick (docs/backtest.md):
 * <ol>
 *   <li>the clock moves to the tick; session starts passed on the way expire DAY orders at the broker and re-base
 *   risk's daily loss, at the session start's own time; orders whose latency ran out before the tick are accepted
 *   at their due time against the quotes known then ({@code processDue});</li>
 *   <li>the tick goes to the broker (working orders match), risk, the portfolio and the bars;</li>
 *   <li>the strategies of its symbol signal; each signal becomes the live market order, is checked by risk and, if
 *   approved, submitted to the broker; a denial is an order event like live risk's;</li>
 *   <li>each broker result goes out fills first, then events: fills to the portfolio, risk and the owning strategy;
 *   events to risk and the owning strategy.</li>
 * </ol>
 * Deterministic: no wall clock, no hash-order iteration, no threads; the same ticks give the same fills and curve.
 */
public final class BacktestEngine {
  /** Progress is reported every this many ticks. */
  public static final int PROGRESS_EVERY = 1 << 16;

  /** Told every {@link #PROGRESS_EVERY} ticks how many were done. */
  @FunctionalInterface
  public interface Progress {
    void ticks(long done, long dataMicros);

    Progress NONE = (done, micros) -> { };
  }

  private final BacktestSpec spec;
  private final SimulatedClock clock = new SimulatedClock(Long.MIN_VALUE);
  private final RiskEngine risk;
  private final PaperBroker broker;
  private final BarAggregator bars;
  private final Ledger total;
  private final Map<String, Ledger> byStrategy = new LinkedHashMap<>();
  private final Map<String, Ledger> bySymbol = new TreeMap<>();
  private final List<Ledger> all = new ArrayList<>();
  /** What a tick of each symbol goes to, looked up once per tick. */
  private final Map<String, Route> routes = new HashMap<>();
  private final Map<String, OrderIds> orderIds = new HashMap<>();
  private final Map<String, Strategy> ownOrders = new HashMap<>();
  /** When each submitted order's latency runs out, in submission order (latency is one constant, so sorted). */
  private final ArrayDeque<Long> dueTimes = new ArrayDeque<>();
  private final long latencyMicros;
  private final List<Fill> fills = new ArrayList<>();
  private final FillsHash fillsHash = new FillsHash();
  private final Map<OrderStatus, Long> orderEvents = new EnumMap<>(OrderStatus.class);
  private final Map<ReasonCode, Long> denials = new TreeMap<>();
  private long ordersSent;
  private long stateChanges;
  private long barsClosed;
  private long ticks;
  private long firstMicros = Long.MIN_VALUE;
  private long nextSessionMicros = Long.MIN_VALUE;
  private long bucket = Long.MIN_VALUE;

  public BacktestEngine(BacktestSpec spec) {
    this.spec = spec;
    this.risk = new RiskEngine(Instruments.fromSettings(spec.instruments(), spec.tradedSymbols()),
        RiskLimits.fromSettings(spec.risk(), spec.initialCash()), clock);
    this.broker = new PaperBroker(new BrokerConfig(spec.execution().slippageBps(), spec.execution().feeBps(),
        spec.execution().minFee(), spec.execution().latencyMicros()), clock);
    this.latencyMicros = spec.execution().latencyMicros();
    this.bars = new BarAggregator(spec.timeframes());
    this.total = ledger("total");
    Map<String, List<Strategy>> strategiesBySymbol = new HashMap<>();
    for (StrategySettings settings : spec.strategies()) {
      Strategy strategy = StrategyFactory.create(settings);
      orderIds.put(strategy.name(), new OrderIds(strategy.name() + "-bt"));
      byStrategy.put(strategy.name(), ledger("strategy:" + strategy.name()));
      for (String symbol : settings.symbols()) {
        strategiesBySymbol.computeIfAbsent(symbol, s -> new ArrayList<>()).add(strategy);
      }
    }
    for (String symbol : spec.tradedSymbols()) {
      bySymbol.put(symbol, ledger("symbol:" + symbol));
    }
    Set<String> routed = new HashSet<>(bySymbol.keySet());
    routed.addAll(strategiesBySymbol.keySet());
    for (String symbol : routed) {
      List<Strategy> strategies = strategiesBySymbol.getOrDefault(symbol, List.of());
      Ledger symbolLedger = bySymbol.get(symbol);
      Ledger[] ledgers = strategies.stream().map(st -> byStrategy.get(st.name())).toArray(Ledger[]::new);
      routes.put(symbol, new Route(total.portfolio.marker(symbol), symbolLedger,
          symbolLedger == null ? null : symbolLedger.portfolio.marker(symbol), strategies.toArray(Strategy[]::new),
          ledgers, Arrays.stream(ledgers).map(l -> l.portfolio.marker(symbol)).toArray(Portfolio.Marker[]::new),
          strategies.stream().map(st -> orderIds.get(st.name())).toArray(OrderIds[]::new)));
    }
  }

  /**
   * What a tick of one symbol goes to: its place in the whole account's book, its ledger (null if it is not traded)
   * and place there, and the strategies that trade it with their ledgers, places and ids.
   */
  private record Route(Portfolio.Marker total, Ledger symbol, Portfolio.Marker symbolMarker, Strategy[] strategies,
                       Ledger[] ledgers, Portfolio.Marker[] markers, OrderIds[] orderIds) {
  }

  private Ledger ledger(String scope) {
    Ledger ledger = new Ledger(scope, new Portfolio(spec.initialCash()),
        new EquityCurve(spec.curveIntervalMicros(), spec.curvePoints()));
    all.add(ledger);
    return ledger;
  }

  /** Runs every tick of the source through the cores; the source is read once and not closed here. */
  public BacktestResult run(TickSource source, Progress progress) {
    Tick tick;
    while ((tick = source.next()) != null) {
      onTick(tick);
      if ((ticks & (PROGRESS_EVERY - 1)) == 0) {
        progress.ticks(ticks, clock.nowMicros());
      }
    }
    return finish(source);
  }

  void onTick(Tick tick) {
    long now = Math.max(clock.nowMicros(), tick.tsMicros());
    if (ticks == 0) {
      firstMicros = now;
      clock.advanceTo(now);
      nextSessionMicros = TradingCalendar.nextSessionStart(now);
    }
    while (nextSessionMicros <= now) {
      processDueBefore(nextSessionMicros);
      clock.advanceTo(nextSessionMicros);
      publish(broker.endOfDay());
      risk.startNewDay();
      drainStateChanges();
      nextSessionMicros += TradingCalendar.SESSION_MICROS;
    }
    processDueBefore(now);
    closeBucketsBefore(now);
    clock.advanceTo(now);
    ticks++;
    publish(broker.onTick(tick));
    risk.onTick(tick);
    drainStateChanges();
    Route route = routes.get(tick.symbol());
    long mid = tick.midRaw();
    if (route == null) {
      total.onTick(tick);
    } else {
      total.portfolio.mark(route.total(), mid, tick.tsMicros());
    }
    barsClosed += bars.onTick(tick).size();
    if (route == null) {
      return;
    }
    if (route.symbol() != null) {
      route.symbol().portfolio.mark(route.symbolMarker(), mid, tick.tsMicros());
    }
    Strategy[] strategies = route.strategies();
    for (int i = 0; i < strategies.length; i++) {
      route.ledgers()[i].portfolio.mark(route.markers()[i], mid, tick.tsMicros());
      List<Signal> signals = strategies[i].onTick(tick);
      for (int k = 0; k < signals.size(); k++) {
        submit(route.orderIds()[i].marketOrder(signals.get(k)), strategies[i]);
      }
    }
  }

  /** Accepts, at their own due times, the orders whose latency ran out strictly before {@code micros}. */
  private void processDueBefore(long micros) {
    while (!dueTimes.isEmpty() && dueTimes.peekFirst() < micros) {
      long due = dueTimes.pollFirst();
      clock.advanceTo(due);
      publish(broker.processDue());
    }
  }

  /** The curve's point of each interval is the equity after the interval's last tick. */
  private void closeBucketsBefore(long micros) {
    long start = total.curve.bucketStart(micros);
    if (start == bucket) {
      return;
    }
    if (bucket != Long.MIN_VALUE) {
      for (Ledger ledger : all) {
        ledger.curve.add(bucket, ledger.portfolio.equity());
      }
      while (total.curve.full()) {
        all.forEach(l -> l.curve.coarsen());
      }
    }
    bucket = total.curve.bucketStart(micros);
  }

  private void submit(OrderRequest order, Strategy strategy) {
    ordersSent++;
    ownOrders.put(order.clientOrderId(), strategy);
    RiskDecision decision = risk.check(order);
    drainStateChanges();
    if (decision.approved()) {
      if (latencyMicros > 0) {
        dueTimes.addLast(clock.nowMicros() + latencyMicros);
      }
      publish(broker.submit(order));
      return;
    }
    onOrderEvent(new OrderEvent(order.clientOrderId(), order.strategy(), order.symbol(), order.side(), order.type(),
        order.timeInForce(), OrderStatus.DENIED, order.quantity(), order.limitPrice(), Fixed.ZERO, Fixed.ZERO,
        decision.reason(), decision.message(), decision.tsMicros()));
  }

  /** As the execution verticle publishes: fills before the events that report them. */
  private void publish(BrokerResult result) {
    if (result.isEmpty()) {
      return;
    }
    for (Fill fill : result.fills()) {
      fills.add(fill);
      fillsHash.add(fill);
      total.onFill(fill);
      byStrategy.get(fill.strategy()).onFill(fill);
      bySymbol.get(fill.symbol()).onFill(fill);
      risk.onFill(fill);
      drainStateChanges();
      Strategy owner = ownOrders.get(fill.clientOrderId());
      if (owner != null) {
        owner.onFill(fill);
      }
    }
    for (OrderEvent event : result.events()) {
      onOrderEvent(event);
    }
  }

  private void onOrderEvent(OrderEvent event) {
    orderEvents.merge(event.status(), 1L, Long::sum);
    if (event.status() == OrderStatus.DENIED) {
      denials.merge(event.reasonCode(), 1L, Long::sum);
    }
    risk.onOrderEvent(event);
    Strategy owner = event.status().isTerminal() ? ownOrders.remove(event.clientOrderId())
        : ownOrders.get(event.clientOrderId());
    if (owner != null) {
      owner.onOrderEvent(event);
    }
  }

  private void drainStateChanges() {
    stateChanges += risk.drainStateChanges().size();
  }

  private BacktestResult finish(TickSource source) {
    long last = clock.nowMicros();
    if (bucket != Long.MIN_VALUE) {
      for (Ledger ledger : all) {
        ledger.curve.add(bucket, ledger.portfolio.equity());
      }
    }
    List<Ledger> strategies = new ArrayList<>(byStrategy.values());
    List<Ledger> symbols = new ArrayList<>(bySymbol.values());
    return new BacktestResult(source.describe(), ticks, source.skipped(), firstMicros, ticks == 0 ? firstMicros : last,
        barsClosed, ordersSent, new EnumMap<>(orderEvents), new TreeMap<>(denials), stateChanges, risk.state(),
        List.copyOf(fills), fillsHash.hex(), Figures.of(total, spec.initialCash(), firstMicros, last),
        strategies.stream().map(l -> Figures.of(l, spec.initialCash(), firstMicros, last)).toList(),
        symbols.stream().map(l -> Figures.of(l, spec.initialCash(), firstMicros, last)).toList(),
        Curve.of(total.curve));
  }
}
