package io.tradingrt.http;

import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.MetricsSnapshot;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.PortfolioSnapshot;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.Signal;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TradingState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the REST API answers from memory: the latest snapshots and bounded rings of recent ticks, bars, signals,
 * order events and fills. Anything older is the storage readers' job. Single-threaded: the HTTP verticle owns it.
 */
final class HotState {
  static final int TICKS_PER_SYMBOL = 1_000;
  static final int BARS_PER_SERIES = 500;
  static final int EVENTS = 10_000;

  private final Set<String> configuredSymbols;
  private final Set<String> configuredStrategies;
  private final Map<String, Ring<Tick>> ticks = new HashMap<>();
  private final Map<String, Ring<Bar>> bars = new HashMap<>();
  private final Ring<Signal> signals = new Ring<>(EVENTS);
  private final Ring<OrderEvent> orderEvents = new Ring<>(EVENTS);
  private final Ring<Fill> fills = new Ring<>(EVENTS);
  private final Set<String> seenStrategies = new TreeSet<>();
  /** Latest event per client order id, in arrival order, bounded like the rings. */
  private final LinkedHashMap<String, OrderEvent> orders = new LinkedHashMap<>(1024, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, OrderEvent> eldest) {
      return size() > EVENTS;
    }
  };
  private MetricsSnapshot metrics;
  private PortfolioSnapshot portfolio;
  private RiskStateChange lastRiskChange;
  private long lastTickArrivalMicros;

  HotState(Collection<String> configuredSymbols, Collection<String> configuredStrategies) {
    this.configuredSymbols = Set.copyOf(configuredSymbols);
    this.configuredStrategies = Set.copyOf(configuredStrategies);
  }

  void onTicks(List<Tick> batch, long arrivalMicros) {
    for (Tick tick : batch) {
      ticks.computeIfAbsent(tick.symbol(), s -> new Ring<>(TICKS_PER_SYMBOL)).add(tick);
    }
    lastTickArrivalMicros = arrivalMicros;
  }

  void onBar(Bar bar) {
    bars.computeIfAbsent(bar.symbol() + "/" + bar.timeframe(), k -> new Ring<>(BARS_PER_SERIES)).add(bar);
  }

  void onSignal(Signal signal) {
    signals.add(signal);
    seenStrategies.add(signal.strategy());
  }

  void onOrderEvent(OrderEvent event) {
    orderEvents.add(event);
    orders.remove(event.clientOrderId());
    orders.put(event.clientOrderId(), event);
    seenStrategies.add(event.strategy());
  }

  void onFill(Fill fill) {
    fills.add(fill);
  }

  void onMetrics(MetricsSnapshot snapshot) {
    metrics = snapshot;
  }

  void onPortfolio(PortfolioSnapshot snapshot) {
    portfolio = snapshot;
  }

  /** A change older than the one known (a state seeded at start arriving late) is ignored. */
  void onRiskState(RiskStateChange change) {
    if (lastRiskChange != null && change.tsMicros() < lastRiskChange.tsMicros()) {
      return;
    }
    lastRiskChange = change;
  }

  /** A symbol is known when configured, or, with no configuration, once a tick for it arrived. */
  boolean knowsSymbol(String symbol) {
    return configuredSymbols.contains(symbol) || ticks.containsKey(symbol);
  }

  boolean knowsStrategy(String name) {
    return configuredStrategies.contains(name) || seenStrategies.contains(name);
  }

  Set<String> symbols() {
    Set<String> all = new TreeSet<>(configuredSymbols);
    all.addAll(ticks.keySet());
    return all;
  }

  List<Tick> recentTicks(String symbol) {
    Ring<Tick> ring = ticks.get(symbol);
    return ring == null ? List.of() : ring.newestFirst();
  }

  List<Bar> recentBars(String symbol, String timeframe) {
    Ring<Bar> ring = bars.get(symbol + "/" + timeframe);
    return ring == null ? List.of() : ring.newestFirst();
  }

  List<Signal> signalsSince(long fromMicros) {
    return signals.newestFirst(s -> s.tsMicros() >= fromMicros);
  }

  List<OrderEvent> orderEventsSince(long fromMicros) {
    return orderEvents.newestFirst(e -> e.tsMicros() >= fromMicros);
  }

  /** Latest state of each recent order, newest first. */
  List<OrderEvent> latestOrders() {
    List<OrderEvent> out = new ArrayList<>(orders.values());
    Collections.reverse(out);
    return out;
  }

  OrderEvent order(String clientOrderId) {
    return orders.get(clientOrderId);
  }

  List<Fill> fillsSince(long fromMicros) {
    return fills.newestFirst(f -> f.tsMicros() >= fromMicros);
  }

  MetricsSnapshot metrics() {
    return metrics;
  }

  PortfolioSnapshot portfolio() {
    return portfolio;
  }

  RiskStateChange lastRiskChange() {
    return lastRiskChange;
  }

  /** The trading state as last published; ACTIVE until risk says otherwise. */
  TradingState tradingState() {
    if (lastRiskChange != null) {
      return lastRiskChange.to();
    }
    return metrics == null ? TradingState.ACTIVE : metrics.tradingState();
  }

  long lastTickArrivalMicros() {
    return lastTickArrivalMicros;
  }
}
