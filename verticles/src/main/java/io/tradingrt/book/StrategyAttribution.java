package io.tradingrt.book;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Side;
import io.tradingrt.time.TradingCalendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The account's P&L attributed to the strategies whose fills made it, and per UTC day, beside a {@link Portfolio}
 * fed the same fills. It folds each fill through its own {@link Holding} per symbol (the portfolio's code, so cost
 * basis and realized P&L are the portfolio's to the last digit) and gives the fill's strategy:
 * <ul>
 *   <li>the realized P&L the fill made on the account, and its fee;</li>
 *   <li>a share of the symbol's quantity and cost basis: the fill's quantity and the change of the account's cost
 *   basis it caused, so the shares of all strategies sum to the account's position and cost basis exactly.</li>
 * </ul>
 * A strategy's unrealized P&L is Σ (share quantity × mark − share cost) at the portfolio's marks; the rounding of the
 * products goes to the largest share, so unrealized sums to the portfolio's exactly. When strategies trade one symbol
 * against each other (an operator flattening a strategy's position), the one that closes realizes against the
 * account's cost basis; when the account's position of the symbol comes back to exactly zero, every share is settled
 * at the fill price (its residual value moves to realized, the rounding to the closing strategy), so each strategy
 * ends with the P&L of its own trades. A close is a fill that reduced the account's position, or a settlement of a
 * strategy's share; a win is a close that realized more than zero for that strategy.
 * Single-threaded; no Vert.x.
 */
public final class StrategyAttribution {

  private final Map<String, Holding> account = new HashMap<>();
  private final Map<String, Book> books = new TreeMap<>();
  private final TreeMap<Long, Day> days = new TreeMap<>();

  public void onFill(Fill fill) {
    String symbol = fill.symbol();
    Holding holding = account.computeIfAbsent(symbol, s -> new Holding(s, null));
    Fixed quantityBefore = holding.quantity();
    Fixed costBefore = holding.costBasis();
    Fixed realized = holding.apply(fill);
    Book book = books.computeIfAbsent(fill.strategy(), Book::new);
    Share share = book.shares.computeIfAbsent(symbol, s -> new Share());
    share.quantity = share.quantity.plus(fill.side() == Side.BUY ? fill.quantity() : fill.quantity().negate());
    share.cost = share.cost.plus(holding.costBasis().minus(costBefore));
    book.fees = book.fees.plus(fill.fee());
    book.trades++;
    boolean reduced = !quantityBefore.isZero() && quantityBefore.signum() != fill.side().sign();
    // a fill that does not reduce the position realizes nothing (Holding.apply); one that does is a close
    Map<Book, Fixed> booked = new HashMap<>();
    if (reduced) {
      booked.put(book, realized);
    }
    if (holding.quantity().isZero()) {
      settle(symbol, fill.price(), book, booked);
    }
    Fixed total = Fixed.ZERO;
    for (Map.Entry<Book, Fixed> close : booked.entrySet()) {
      Book closer = close.getKey();
      closer.realized = closer.realized.plus(close.getValue());
      total = total.plus(close.getValue());
      closer.closes++;
      if (close.getValue().isPositive()) {
        closer.wins++;
      }
    }
    if (!total.equals(realized)) {
      throw new IllegalStateException("attribution of " + fill.fillId() + " booked " + total + ", not " + realized);
    }
    Day day = days.computeIfAbsent(TradingCalendar.sessionStart(fill.tsMicros()), Day::new);
    day.realized = day.realized.plus(realized);
    day.fees = day.fees.plus(fill.fee());
    day.trades++;
  }

  /**
   * The account is flat in {@code symbol}: each strategy's share is worth quantity × price − cost; those residuals
   * sum to zero but for the rounding of the products, which goes to {@code closer}. Adds each settled strategy's
   * amount to {@code booked} and drops the shares.
   */
  private void settle(String symbol, Fixed price, Book closer, Map<Book, Fixed> booked) {
    Fixed sum = Fixed.ZERO;
    for (Book book : books.values()) {
      Share share = book.shares.remove(symbol);
      if (share == null || share.quantity.isZero() && share.cost.isZero() && book != closer) {
        continue;
      }
      Fixed residual = share.quantity.times(price).minus(share.cost);
      booked.merge(book, residual, Fixed::plus);
      sum = sum.plus(residual);
    }
    booked.merge(closer, sum.negate(), Fixed::plus);
  }

  /** Strategies that ever filled, by name. */
  public List<String> strategies() {
    return List.copyOf(books.keySet());
  }

  /**
   * Each strategy's P&L (by name) and, last, the account's total (strategy null), unrealized at {@code marks}' marks:
   * the portfolio fed the same fills.
   */
  public List<StrategyPnl> report(Portfolio marks) {
    Map<Book, Fixed> unrealized = new HashMap<>();
    Map<String, List<Book>> holders = new TreeMap<>();
    for (Book book : books.values()) {
      book.shares.keySet().forEach(symbol -> holders.computeIfAbsent(symbol, s -> new ArrayList<>()).add(book));
    }
    for (Map.Entry<String, List<Book>> entry : holders.entrySet()) {
      String symbol = entry.getKey();
      Fixed mark = marks.markPrice(symbol).orElse(Fixed.ZERO);
      Fixed sum = Fixed.ZERO;
      Book largest = null;
      for (Book book : entry.getValue()) {
        Share share = book.shares.get(symbol);
        Fixed value = share.quantity.times(mark).minus(share.cost);
        unrealized.merge(book, value, Fixed::plus);
        sum = sum.plus(value);
        if (largest == null || share.quantity.abs().greaterThan(largest.shares.get(symbol).quantity.abs())) {
          largest = book;
        }
      }
      unrealized.merge(largest, marks.unrealizedPnl(symbol).minus(sum), Fixed::plus);
    }
    List<StrategyPnl> rows = new ArrayList<>(books.size() + 1);
    Fixed realized = Fixed.ZERO;
    Fixed open = Fixed.ZERO;
    Fixed fees = Fixed.ZERO;
    long trades = 0;
    long closes = 0;
    long wins = 0;
    for (Book book : books.values()) {
      Fixed u = unrealized.getOrDefault(book, Fixed.ZERO);
      rows.add(new StrategyPnl(book.name, book.realized, u, book.fees, book.realized.plus(u).minus(book.fees),
          book.trades, book.closes, book.wins));
      realized = realized.plus(book.realized);
      open = open.plus(u);
      fees = fees.plus(book.fees);
      trades += book.trades;
      closes += book.closes;
      wins += book.wins;
    }
    rows.add(new StrategyPnl(null, realized, open, fees, realized.plus(open).minus(fees), trades, closes, wins));
    return rows;
  }

  /** The {@code count} UTC days up to the one holding {@code nowMicros}, oldest first, days without fills as zeros. */
  public List<DayPnl> days(int count, long nowMicros) {
    long today = TradingCalendar.sessionStart(nowMicros);
    List<DayPnl> out = new ArrayList<>(count);
    for (int i = count - 1; i >= 0; i--) {
      long start = today - i * TradingCalendar.SESSION_MICROS;
      Day day = days.getOrDefault(start, new Day(start));
      out.add(new DayPnl(LocalDate.ofEpochDay(Math.floorDiv(start, TradingCalendar.SESSION_MICROS)).toString(),
          start, day.realized, day.fees, day.realized.minus(day.fees), day.trades));
    }
    return out;
  }

  private static final class Book {
    final String name;
    final Map<String, Share> shares = new TreeMap<>();
    Fixed realized = Fixed.ZERO;
    Fixed fees = Fixed.ZERO;
    long trades;
    long closes;
    long wins;

    Book(String name) {
      this.name = name;
    }
  }

  private static final class Share {
    Fixed quantity = Fixed.ZERO;
    Fixed cost = Fixed.ZERO;
  }

  private static final class Day {
    final long startMicros;
    Fixed realized = Fixed.ZERO;
    Fixed fees = Fixed.ZERO;
    long trades;

    Day(long startMicros) {
      this.startMicros = startMicros;
    }
  }
}
