package io.tradingrt.signal;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.Signal;
import io.tradingrt.codecs.Tick;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a per-symbol target position into signals that move the committed position (filled plus in flight) to it.
 * A signal is emitted only when the target changes, so an order that was denied or left unfilled is not retried
 * tick after tick: the next target change emits the whole gap, catching up on it.
 *
 * <p>Each symbol has one book — its target, committed and filled positions and the subclass's state {@code S} (its
 * windows) — so a tick costs one hash lookup. A symbol outside the configured ones (a journaled fill of a symbol
 * since dropped from the configuration) gets a book that is not traded and has no state.
 */
abstract class TargetPositionStrategy<S> implements Strategy {

  private static final class Book<S> {
    final boolean traded;
    /** Null for a symbol this strategy does not trade. */
    final S state;
    Fixed target = Fixed.ZERO;
    Fixed committed = Fixed.ZERO;
    Fixed filled = Fixed.ZERO;

    Book(boolean traded, S state) {
      this.traded = traded;
      this.state = state;
    }
  }

  private final String name;
  private final Set<String> symbols;
  private final Map<String, Book<S>> books = new HashMap<>();

  TargetPositionStrategy(String name, List<String> symbols) {
    this.name = name;
    this.symbols = Set.copyOf(new LinkedHashSet<>(symbols));
  }

  /** A traded symbol's state, made once per symbol at its first tick. */
  abstract S newState();

  /** The wanted position after this tick; null keeps the current target. */
  abstract Target target(Tick tick, S state);

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Set<String> symbols() {
    return symbols;
  }

  @Override
  public final List<Signal> onTick(Tick tick) {
    Book<S> book = books.get(tick.symbol());
    if (book == null) {
      if (!symbols.contains(tick.symbol())) {
        return List.of();
      }
      book = new Book<>(true, newState());
      books.put(tick.symbol(), book);
    } else if (!book.traded) {
      return List.of();
    }
    Target target = target(tick, book.state);
    if (target == null || target.quantity().equals(book.target)) {
      return List.of();
    }
    book.target = target.quantity();
    Fixed gap = target.quantity().minus(book.committed);
    if (gap.isZero()) {
      return List.of();
    }
    book.committed = book.committed.plus(gap);
    Side side = gap.isPositive() ? Side.BUY : Side.SELL;
    return List.of(new Signal(name, tick.symbol(), side, gap.abs(), tick.mid(), tick.tsMicros(), target.reason()));
  }

  @Override
  public final void onFill(Fill fill) {
    if (fill.strategy().equals(name)) {
      Fixed signed = fill.side() == Side.BUY ? fill.quantity() : fill.quantity().negate();
      Book<S> book = book(fill.symbol());
      book.filled = book.filled.plus(signed);
    }
  }

  @Override
  public final void onOrderEvent(OrderEvent event) {
    if (event.strategy().equals(name) && event.status().isTerminal()) {
      Fixed unfilled = event.quantity().minus(event.filledQuantity());
      Fixed signed = event.side() == Side.BUY ? unfilled : unfilled.negate();
      Book<S> book = book(event.symbol());
      book.committed = book.committed.minus(signed);
    }
  }

  /**
   * Its fills make the filled position, as live; each order still working is committed as when it was sent; the
   * target is where the committed position stands, so the next target change emits the gap from there.
   */
  @Override
  public final void rebuild(List<Fill> ownFills, List<OrderEvent> ownWorkingOrders) {
    ownFills.forEach(this::onFill);
    books.values().forEach(book -> book.committed = book.filled);
    for (OrderEvent order : ownWorkingOrders) {
      Fixed remaining = order.remainingQuantity();
      Book<S> book = book(order.symbol());
      book.committed = book.committed.plus(order.side() == Side.BUY ? remaining : remaining.negate());
    }
    books.values().forEach(book -> book.target = book.committed);
  }

  /** The symbol's book, made on first use: with state if this strategy trades the symbol. */
  private Book<S> book(String symbol) {
    return books.computeIfAbsent(symbol, s -> symbols.contains(s) ? new Book<>(true, newState())
        : new Book<>(false, null));
  }

  /** The position this strategy has if every order in flight fills. */
  public final Fixed committedPosition(String symbol) {
    Book<S> book = books.get(symbol);
    return book == null ? Fixed.ZERO : book.committed;
  }

  /** The position this strategy's own fills add up to. */
  public final Fixed filledPosition(String symbol) {
    Book<S> book = books.get(symbol);
    return book == null ? Fixed.ZERO : book.filled;
  }

  public final Fixed targetPosition(String symbol) {
    Book<S> book = books.get(symbol);
    return book == null ? Fixed.ZERO : book.target;
  }
}
