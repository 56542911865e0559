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
  /** The holdings in symbol order, for the snapshot; each is also in its symbol's cell. */
  private final Map<String, Holding> holdings = new TreeMap<>();
  /** One cell per symbol quoted or traded, updated in place: a quote costs one hash lookup and no allocation. */
  private final Map<String, Cell> cells = new HashMap<>();
  private Fixed cash;
  private Fixed fees = Fixed.ZERO;
  private Fixed realizedPnl = Fixed.ZERO;
  private Fixed costBasis = Fixed.ZERO;
  // what a quote changes is kept as raw fixed-point longs, so marking allocates nothing
  private long marketValueRaw;
  private long grossExposureRaw;
  private long peakEquityRaw;

  /**
   * A symbol's latest mark (raw; {@code marked} once a quote came) and its holding, null until its first fill. Handed
   * out as a {@link Marker} to a caller that marks the same symbols tick after tick.
   */
  private static final class Cell implements Marker {
    final Portfolio owner;
    boolean marked;
    long raw;
    Holding holding;

    Cell(Portfolio owner) {
      this.owner = owner;
    }
  }

  /** One symbol's place in one portfolio: {@link #mark(Marker, long, long)} through it skips the symbol's lookup. */
  public sealed interface Marker permits Cell {
  }

  public Portfolio(Fixed initialCash) {
    this.initialCash = initialCash;
    this.cash = initialCash;
    this.peakEquityRaw = initialCash.raw();
  }

  /** A buy costs notional + fee, a sell brings notional - fee. */
  public void onFill(Fill fill) {
    Cell cell = cell(fill.symbol());
    Holding holding = cell.holding;
    if (holding == null) {
      holding = new Holding(fill.symbol(), cell.marked ? Fixed.ofRaw(cell.raw) : null);
      cell.holding = holding;
      holdings.put(fill.symbol(), holding);
    }
    Fixed costBefore = holding.costBasis();
    long valueBefore = holding.marketValueRaw();
    realizedPnl = realizedPnl.plus(holding.apply(fill));
    costBasis = costBasis.plus(holding.costBasis().minus(costBefore));
    holding.revalue();
    updateValue(valueBefore, holding.marketValueRaw());
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
    peakEquityRaw = (storedPeak == null ? Fixed.max(initialCash, equity()) : Fixed.max(storedPeak, equity())).raw();
  }

  public void onTick(Tick tick) {
    markRaw(tick.symbol(), tick.midRaw(), tick.tsMicros());
  }

  /** Marks one symbol at {@code price}; replay and tests can mark without a full quote. */
  public void mark(String symbol, Fixed price, long tsMicros) {
    markRaw(symbol, price.raw(), tsMicros);
  }

  /** Without a holding the equity does not move, so the peak (never below the equity) needs no look. */
  private void markRaw(String symbol, long price, long tsMicros) {
    markRaw(cell(symbol), price, tsMicros);
  }

  /** The symbol's place in this portfolio, for marking it without a lookup (the backtest marks every tick so). */
  public Marker marker(String symbol) {
    return cell(symbol);
  }

  /** As {@link #onTick} for the marker's symbol at the raw mid {@code midRaw}. */
  public void mark(Marker marker, long midRaw, long tsMicros) {
    Cell cell = (Cell) marker;
    if (cell.owner != this) {
      throw new IllegalArgumentException("a marker of another portfolio");
    }
    markRaw(cell, midRaw, tsMicros);
  }

  private Cell cell(String symbol) {
    Cell cell = cells.get(symbol);
    if (cell == null) {
      cell = new Cell(this);
      cells.put(symbol, cell);
    }
    return cell;
  }

  private void markRaw(Cell cell, long price, long tsMicros) {
    cell.raw = price;
    cell.marked = true;
    Holding holding = cell.holding;
    if (holding != null) {
      long valueBefore = holding.marketValueRaw();
      holding.markAt(price, tsMicros);
      updateValue(valueBefore, holding.marketValueRaw());
      updatePeak();
    }
  }

  private Holding holding(String symbol) {
    Cell cell = cells.get(symbol);
    return cell == null ? null : cell.holding;
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
    return Fixed.ofRaw(marketValueRaw).minus(costBasis);
  }

  public Fixed equity() {
    return Fixed.ofRaw(equityRaw());
  }

  private long equityRaw() {
    return Math.addExact(cash.raw(), marketValueRaw);
  }

  /** Σ |quantity × mark| over all symbols. */
  public Fixed grossExposure() {
    return Fixed.ofRaw(grossExposureRaw);
  }

  /** Σ quantity × mark: long value minus short value. */
  public Fixed netExposure() {
    return Fixed.ofRaw(marketValueRaw);
  }

  public Fixed peakEquity() {
    return Fixed.ofRaw(peakEquityRaw);
  }

  public Fixed drawdown() {
    return Fixed.ofRaw(Math.subtractExact(peakEquityRaw, equityRaw()));
  }

  /** Signed quantity, zero when never traded. */
  public Fixed quantity(String symbol) {
    Holding holding = holding(symbol);
    return holding == null ? Fixed.ZERO : holding.quantity();
  }

  public Fixed unrealizedPnl(String symbol) {
    Holding holding = holding(symbol);
    return holding == null ? Fixed.ZERO : holding.unrealizedPnl();
  }

  /** The latest mark of a symbol: the last quote mid, or the first fill price before any quote. */
  public Optional<Fixed> markPrice(String symbol) {
    Cell cell = cells.get(symbol);
    if (cell == null) {
      return Optional.empty();
    }
    return cell.marked ? Optional.of(Fixed.ofRaw(cell.raw)) : Optional.ofNullable(cell.holding).map(Holding::mark);
  }

  /** Symbols ever traded, in symbol order. */
  public Set<String> symbols() {
    return Collections.unmodifiableSet(holdings.keySet());
  }

  public Optional<Position> position(String symbol) {
    Holding holding = holding(symbol);
    return holding == null ? Optional.empty() : Optional.of(holding.toPosition());
  }

  /** Every symbol ever traded, flat ones included (they carry realized P&L), in symbol order. */
  public PortfolioSnapshot snapshot(long tsMicros) {
    List<Position> positions = new ArrayList<>(holdings.size());
    for (Holding holding : holdings.values()) {
      positions.add(holding.toPosition());
    }
    Fixed equity = equity();
    Fixed peak = peakEquity();
    return new PortfolioSnapshot(tsMicros, cash, equity, realizedPnl, unrealizedPnl(), fees, grossExposure(),
        netExposure(), peak, peak.minus(equity), positions);
  }

  private void updateValue(long before, long after) {
    marketValueRaw = Math.addExact(marketValueRaw, Math.subtractExact(after, before));
    grossExposureRaw = Math.addExact(grossExposureRaw, Math.subtractExact(Math.absExact(after), Math.absExact(before)));
  }

  private void updatePeak() {
    peakEquityRaw = Math.max(peakEquityRaw, equityRaw());
  }
}
