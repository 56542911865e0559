package io.tradingrt.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.PortfolioSnapshot;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.TradingState;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The book as Prometheus figures a desk graphs: equity, cash, P&L, fees, drawdown, exposures, the position per symbol,
 * the trading state (one series per state, 1 for the current one) and the working orders. Updated from the bus
 * messages the metrics verticle already receives; a gauge holds its last value as the bits of a double, so a scrape
 * never reads the verticle's maps.
 */
final class BookMeters {
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private final AtomicLong equity = new AtomicLong();
  private final AtomicLong cash = new AtomicLong();
  private final AtomicLong realizedPnl = new AtomicLong();
  private final AtomicLong unrealizedPnl = new AtomicLong();
  private final AtomicLong fees = new AtomicLong();
  private final AtomicLong drawdown = new AtomicLong();
  private final AtomicLong grossExposure = new AtomicLong();
  private final AtomicLong netExposure = new AtomicLong();
  private final Map<String, AtomicLong> positions = new HashMap<>();
  private final Map<TradingState, AtomicLong> states = new EnumMap<>(TradingState.class);
  private final Set<String> working = new HashSet<>();
  private final AtomicLong workingOrders = new AtomicLong();

  BookMeters(MeterRegistry registry) {
    this.registry = registry;
    gauge("tradingrt.book.equity", "cash plus the positions at their last price", equity);
    gauge("tradingrt.book.cash", "cash after fills and fees", cash);
    gauge("tradingrt.book.realized.pnl", "realized profit and loss", realizedPnl);
    gauge("tradingrt.book.unrealized.pnl", "unrealized profit and loss at the last prices", unrealizedPnl);
    gauge("tradingrt.book.drawdown", "peak equity minus equity", drawdown);
    gauge("tradingrt.book.gross.exposure", "sum of |quantity x last price|", grossExposure);
    gauge("tradingrt.book.net.exposure", "sum of quantity x last price", netExposure);
    meters.add(FunctionCounter.builder("tradingrt.book.fees", fees, f -> Double.longBitsToDouble(f.get()))
        .description("fees paid since start").register(registry));
    for (TradingState state : TradingState.values()) {
      AtomicLong value = new AtomicLong(Double.doubleToLongBits(state == TradingState.ACTIVE ? 1 : 0));
      states.put(state, value);
      meters.add(Gauge.builder("tradingrt.trading.state", value, v -> Double.longBitsToDouble(v.get()))
          .description("1 for the current trading state, 0 for the others").tag("state", state.name())
          .register(registry));
    }
    meters.add(Gauge.builder("tradingrt.orders.working", workingOrders, AtomicLong::get)
        .description("orders accepted and not yet terminal").register(registry));
  }

  void onPortfolio(PortfolioSnapshot snapshot) {
    set(equity, snapshot.equity());
    set(cash, snapshot.cash());
    set(realizedPnl, snapshot.realizedPnl());
    set(unrealizedPnl, snapshot.unrealizedPnl());
    set(fees, snapshot.fees());
    set(drawdown, snapshot.drawdown());
    set(grossExposure, snapshot.grossExposure());
    set(netExposure, snapshot.netExposure());
    for (Position position : snapshot.positions()) {
      set(positions.computeIfAbsent(position.symbol(), this::positionGauge), position.quantity());
    }
  }

  void onRiskState(RiskStateChange change) {
    states.forEach((state, value) -> value.set(Double.doubleToLongBits(state == change.to() ? 1 : 0)));
  }

  void onOrderEvent(OrderEvent event) {
    if (event.status().isTerminal()) {
      working.remove(event.clientOrderId());
    } else {
      working.add(event.clientOrderId());
    }
    workingOrders.set(working.size());
  }

  void close() {
    meters.forEach(registry::remove);
    meters.clear();
  }

  private AtomicLong positionGauge(String symbol) {
    AtomicLong value = new AtomicLong();
    meters.add(Gauge.builder("tradingrt.book.position", value, v -> Double.longBitsToDouble(v.get()))
        .description("signed position quantity by symbol").tag("symbol", symbol).register(registry));
    return value;
  }

  private void gauge(String name, String description, AtomicLong value) {
    meters.add(Gauge.builder(name, value, v -> Double.longBitsToDouble(v.get())).description(description)
        .register(registry));
  }

  private static void set(AtomicLong target, Fixed value) {
    target.set(Double.doubleToLongBits(value.toDouble()));
  }
}
