package io.tradingrt.book;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.PortfolioSnapshot;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.Tick;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Positions, cash, P&L, exposure and drawdown of one account, in exact fixed-point arithmetic.
 * Positions are marked to the latest quote mid ((bid + ask) / 2), not to the last trade: the mid is what a position
 * could be unwound around, and it moves on every quote. A symbol without a quote yet is marked at its first fill price.
 * Realized P&L excludes fees, so {@code equity == initialCash + realized + unrealized - fees} holds exactly.
 * Totals are maintained incrementally so a fill or a mark costs O(1).
 */
public final class Portfolio {

  private final Fixed initialCash;
  private final Map<String, Holding> holdings = new TreeMap<>();
  private final Map<String, Fixed> marks = new HashMap<>();
  private Fixed cash;
  private Fixed fees = Fixed.ZERO;
  private Fixed realizedPnl = Fixed.ZERO;
  private Fixed costBasis = Fixed.ZERO;
  private Fixed marketValue = Fixed.ZERO;
  private Fixed grossExposure = Fixed.ZERO;
  private Fixed peakEquity;

  public Portfolio(Fixed initialCash) {
    this.initialCash = initialCash;
    this.cash = initialCash;
    this.peakEquity = initialCash;
  }

  /** A buy costs notional + fee, a sell brings notional - fee. */
  public void onFill(Fill fill) {
    Holding holding = holdings.computeIfAbsent(fill.symbol(), symbol -> new Holding(symbol, marks.get(symbol)));
    Fixed costBefore = holding.costBasis();
    Fixed valueBefore = holding.marketValue();
    realizedPnl = realizedPnl.plus(holding.apply(fill));
    costBasis = costBasis.plus(holding.costBasis().minus(costBefore));
    holding.revalue();
    updateValue(valueBefore, holding.marketValue());
    Fixed notional = fill.notional();
    cash = fill.side() == Side.BUY ? cash.minus(notional).minus(fill.fee()) : cash.plus(notional).minus(fill.fee());
    fees = fees.plus(fill.fee());
    updatePeak();
  }

  /**
   * Rebuilds the account from journaled fills, in journal order, through {@link #onFill} as live; {@code afterEach}
   * sees the account after each fill. Each symbol is then marked at its last fill price until its next quote. The
   * peak is the stored one (or the equity, if higher): a fold through fills cannot reproduce a peak that moved with
   * every quote, so the fold's own intermediate peaks are dropped.
   */
  public void rebuild(List<Fill> fills, Fixed storedPeak, Consumer<Fill> afterEach) {
    Map<String, Fill> last = new HashMap<>();
    for (Fill fill : fills) {
      onFill(fill);
      afterEach.accept(fill);
      last.put(fill.symbol(), fill);
    }
    last.values().forEach(f -> mark(f.symbol(), f.price(), f.tsMicros()));
    peakEquity = storedPeak == null ? Fixed.max(initialCash, equity()) : Fixed.max(storedPeak, equity());
  }

  public void onTick(Tick tick) {
    mark(tick.symbol(), tick.mid(), tick.tsMicros());
  }

  /** Marks one symbol at {@code price}; replay and tests can mark without a full quote. */
  public void mark(String symbol, Fixed price, long tsMicros) {
    marks.put(symbol, price);
    Holding holding = holdings.get(symbol);
    if (holding != null) {
      Fixed valueBefore = holding.marketValue();
      holding.markAt(price, tsMicros);
      updateValue(valueBefore, holding.marketValue());
    }
    updatePeak();
  }

  public Fixed initialCash() {
    return initialCash;
  }

  public Fixed cash() {
    return cash;
  }

  public Fixed fees() {
    return fees;
  }

  public Fixed realizedPnl() {
    return realizedPnl;
  }

  public Fixed unrealizedPnl() {
    return marketValue.minus(costBasis);
  }

  public Fixed equity() {
    return cash.plus(marketValue);
  }

  /** Σ |quantity × mark| over all symbols. */
  public Fixed grossExposure() {
    return grossExposure;
  }

  /** Σ quantity × mark: long value minus short value. */
  public Fixed netExposure() {
    return marketValue;
  }

  public Fixed peakEquity() {
    return peakEquity;
  }

  public Fixed drawdown() {
    return peakEquity.minus(equity());
  }

  /** Signed quantity, zero when never traded. */
  public Fixed quantity(String symbol) {
    Holding holding = holdings.get(symbol);
    return holding == null ? Fixed.ZERO : holding.quantity();
  }

  public Fixed unrealizedPnl(String symbol) {
    Holding holding = holdings.get(symbol);
    return holding == null ? Fixed.ZERO : holding.unrealizedPnl();
  }

  /** The latest mark of a symbol: the last quote mid, or the first fill price before any quote. */
  public Optional<Fixed> markPrice(String symbol) {
    Fixed mark = marks.get(symbol);
    if (mark == null && holdings.containsKey(symbol)) {
      mark = holdings.get(symbol).mark();
    }
    return Optional.ofNullable(mark);
  }

  /** Symbols ever traded, in symbol order. */
  public Set<String> symbols() {
    return Collections.unmodifiableSet(holdings.keySet());
  }

  public Optional<Position> position(String symbol) {
    Holding holding = holdings.get(symbol);
    return holding == null ? Optional.empty() : Optional.of(holding.toPosition());
  }

  /** Every symbol ever traded, flat ones included (they carry realized P&L), in symbol order. */
  public PortfolioSnapshot snapshot(long tsMicros) {
    List<Position> positions = new ArrayList<>(holdings.size());
    for (Holding holding : holdings.values()) {
      positions.add(holding.toPosition());
    }
    Fixed equity = equity();
    return new PortfolioSnapshot(tsMicros, cash, equity, realizedPnl, unrealizedPnl(), fees, grossExposure,
        marketValue, peakEquity, peakEquity.minus(equity), positions);
  }

  private void updateValue(Fixed before, Fixed after) {
    marketValue = marketValue.plus(after.minus(before));
    grossExposure = grossExposure.plus(after.abs().minus(before.abs()));
  }

  private void updatePeak() {
    peakEquity = Fixed.max(peakEquity, equity());
  }
}
