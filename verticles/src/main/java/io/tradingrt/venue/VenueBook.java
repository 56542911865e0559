package io.tradingrt.venue;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.TimeInForce;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The test venue's matching engine: a limit order book per symbol with price-time priority, and a market maker that
 * quotes {@code quoteSize} on each side around the venue's own price (moved by {@link #onQuote}). An incoming order
 * matches resting orders first, then the maker's quote, up to the maker's size per quote; what is left rests (DAY,
 * GTC), is canceled (IOC), or the whole order is refused before any fill if it cannot fill at once (FOK). Resting
 * orders fill against the maker when a new quote crosses them. Pure: the FIX acceptor is the shell.
 */
public final class VenueBook {

  /** What happened to an order, in the words of a FIX ExecutionReport (ExecType / OrdStatus). */
  public enum ExecType { NEW, PARTIAL_FILL, FILL, CANCELED, REJECTED, EXPIRED, ORDER_STATUS }

  /**
   * One execution report. {@code lastQty}/{@code lastPx} are zero unless it reports a fill; {@code text} explains a
   * rejection or cancel.
   */
  public record Execution(ExecType type, String execId, String orderId, String clOrdId, String symbol, Side side,
                          Fixed orderQty, Fixed lastQty, Fixed lastPx, Fixed cumQty, Fixed leavesQty, Fixed avgPx,
                          ExecType status, String text) {
  }

  /** A new order as the venue receives it. */
  public record NewOrder(String clOrdId, String symbol, Side side, OrderType type, Fixed quantity, Fixed limitPrice,
                         TimeInForce timeInForce) {
  }

  private static final class Order {
    final String orderId;
    final NewOrder request;
    Fixed cumQty = Fixed.ZERO;
    Fixed notional = Fixed.ZERO;
    ExecType status = ExecType.NEW;

    Order(String orderId, NewOrder request) {
      this.orderId = orderId;
      this.request = request;
    }

    Fixed leaves() {
      return status == ExecType.CANCELED || status == ExecType.EXPIRED || status == ExecType.REJECTED ? Fixed.ZERO
          : request.quantity().minus(cumQty);
    }

    Fixed avgPx() {
      return cumQty.isZero() ? Fixed.ZERO : notional.dividedBy(cumQty);
    }
  }

  private static final class Book {
    final NavigableMap<Fixed, Deque<Order>> bids = new TreeMap<>(Comparator.reverseOrder());
    final NavigableMap<Fixed, Deque<Order>> asks = new TreeMap<>();
    Fixed bid;
    Fixed ask;
    Fixed bidLeft = Fixed.ZERO;
    Fixed askLeft = Fixed.ZERO;
    /** Market orders the maker's size did not cover: they take the next quotes first, in arrival order. */
    final Deque<Order> pendingMarket = new ArrayDeque<>();
  }

  private final Set<String> symbols;
  private final Fixed lotSize;
  private final Fixed quoteSize;
  private final Map<String, Book> books = new HashMap<>();
  private final Map<String, Order> byClOrdId = new LinkedHashMap<>();
  private long nextOrderId = 1;
  private long nextExecId = 1;

  public VenueBook(Set<String> symbols, Fixed lotSize, Fixed quoteSize) {
    if (!quoteSize.isPositive() || !lotSize.isPositive()) {
      throw new IllegalArgumentException("the venue needs a positive lot size and quote size");
    }
    this.symbols = Set.copyOf(symbols);
    this.lotSize = lotSize;
    this.quoteSize = quoteSize;
    symbols.forEach(s -> books.put(s, new Book()));
  }

  public Set<String> symbols() {
    return symbols;
  }

  /** The maker's new quote: resting orders it crosses fill against it, up to its size. */
  public List<Execution> onQuote(String symbol, Fixed bid, Fixed ask) {
    Book book = books.get(symbol);
    if (book == null) {
      return List.of();
    }
    book.bid = bid;
    book.ask = ask;
    book.bidLeft = quoteSize;
    book.askLeft = quoteSize;
    List<Execution> out = new ArrayList<>();
    for (var it = book.pendingMarket.iterator(); it.hasNext(); ) {
      Order order = it.next();
      takeFromMaker(book, order, out);
      if (order.leaves().isZero()) {
        it.remove();
      }
    }
    sweepAgainstMaker(book, book.bids, Side.BUY, out);
    sweepAgainstMaker(book, book.asks, Side.SELL, out);
    return out;
  }

  /** The maker's quote for a symbol, or null before the first: {bid, ask}. */
  public Fixed[] quote(String symbol) {
    Book book = books.get(symbol);
    return book == null || book.bid == null ? null : new Fixed[] {book.bid, book.ask};
  }

  public List<Execution> submit(NewOrder request) {
    String refusal = refusal(request);
    if (refusal != null) {
      Order refused = new Order("r" + nextOrderId++, request);
      refused.status = ExecType.REJECTED;
      return List.of(report(refused, ExecType.REJECTED, Fixed.ZERO, Fixed.ZERO, refusal));
    }
    Order order = new Order("o" + nextOrderId++, request);
    byClOrdId.put(request.clOrdId(), order);
    Book book = books.get(request.symbol());
    List<Execution> out = new ArrayList<>();
    if (request.timeInForce() == TimeInForce.FOK && available(book, order).compareTo(request.quantity()) < 0) {
      order.status = ExecType.EXPIRED;
      out.add(report(order, ExecType.EXPIRED, Fixed.ZERO, Fixed.ZERO, "fill-or-kill: not fillable in full at once"));
      return out;
    }
    out.add(report(order, ExecType.NEW, Fixed.ZERO, Fixed.ZERO, ""));
    match(book, order, out);
    if (!order.leaves().isZero()) {
      if (request.type() == OrderType.MARKET || request.timeInForce() == TimeInForce.IOC) {
        if (request.timeInForce() == TimeInForce.IOC || book.bid == null) {
          order.status = ExecType.CANCELED;
          out.add(report(order, ExecType.CANCELED, Fixed.ZERO, Fixed.ZERO,
              book.bid == null ? "no quote to execute against" : "immediate-or-cancel remainder"));
        } else {
          // a market order's remainder takes the next quotes
          book.pendingMarket.addLast(order);
        }
      } else {
        rest(book, order);
      }
    }
    return out;
  }

  /** Cancels a working order; null when there is no working order with that id (the caller sends a cancel reject). */
  public Execution cancel(String clOrdId) {
    Order order = byClOrdId.get(clOrdId);
    if (order == null || order.leaves().isZero()) {
      return null;
    }
    Book book = books.get(order.request.symbol());
    remove(book, order);
    order.status = ExecType.CANCELED;
    return report(order, ExecType.CANCELED, Fixed.ZERO, Fixed.ZERO, "canceled on request");
  }

  /**
   * Forgets an order as a venue that lost its state would: it leaves the book and every later status request for it
   * is answered "unknown order". No report is sent; tests use it to make a difference reconciliation must catch.
   */
  public boolean forget(String clOrdId) {
    Order order = byClOrdId.remove(clOrdId);
    if (order == null) {
      return false;
    }
    if (!order.leaves().isZero()) {
      remove(books.get(order.request.symbol()), order);
    }
    return true;
  }

  /** The status of an order as an ORDER_STATUS report, or null when the venue never saw it. */
  public Execution status(String clOrdId) {
    Order order = byClOrdId.get(clOrdId);
    return order == null ? null : report(order, ExecType.ORDER_STATUS, Fixed.ZERO, Fixed.ZERO, "");
  }

  /** Every order still working, for a mass status request. */
  public List<Execution> working() {
    return byClOrdId.values().stream().filter(o -> !o.leaves().isZero())
        .map(o -> report(o, ExecType.ORDER_STATUS, Fixed.ZERO, Fixed.ZERO, "")).toList();
  }

  private String refusal(NewOrder request) {
    if (!symbols.contains(request.symbol())) {
      return "unknown symbol " + request.symbol();
    }
    if (!request.quantity().isPositive() || !request.quantity().isMultipleOf(lotSize)) {
      return "quantity must be a positive multiple of " + lotSize;
    }
    if (request.type() == OrderType.LIMIT && (request.limitPrice() == null || !request.limitPrice().isPositive())) {
      return "a limit order needs a positive price";
    }
    if (byClOrdId.containsKey(request.clOrdId())) {
      return "duplicate ClOrdID " + request.clOrdId();
    }
    return null;
  }

  /** How much an order could fill right now (resting orders and the maker), for fill-or-kill. */
  private Fixed available(Book book, Order order) {
    Fixed total = Fixed.ZERO;
    for (var level : opposite(book, order.request.side()).entrySet()) {
      if (!crosses(order.request, level.getKey())) {
        break;
      }
      for (Order resting : level.getValue()) {
        total = total.plus(resting.leaves());
      }
    }
    Fixed makerPx = order.request.side() == Side.BUY ? book.ask : book.bid;
    if (makerPx != null && crosses(order.request, makerPx)) {
      total = total.plus(order.request.side() == Side.BUY ? book.askLeft : book.bidLeft);
    }
    return total;
  }

  private void match(Book book, Order order, List<Execution> out) {
    NavigableMap<Fixed, Deque<Order>> opposite = opposite(book, order.request.side());
    while (!order.leaves().isZero() && !opposite.isEmpty()) {
      var level = opposite.firstEntry();
      if (!crosses(order.request, level.getKey())) {
        break;
      }
      Deque<Order> queue = level.getValue();
      Order resting = queue.peekFirst();
      Fixed qty = Fixed.min(order.leaves(), resting.leaves());
      fill(resting, qty, level.getKey(), out);
      fill(order, qty, level.getKey(), out);
      if (resting.leaves().isZero()) {
        queue.pollFirst();
        if (queue.isEmpty()) {
          opposite.remove(level.getKey());
        }
      }
    }
    takeFromMaker(book, order, out);
  }

  private void takeFromMaker(Book book, Order order, List<Execution> out) {
    Fixed makerPx = order.request.side() == Side.BUY ? book.ask : book.bid;
    if (!order.leaves().isZero() && makerPx != null && crosses(order.request, makerPx)) {
      Fixed left = order.request.side() == Side.BUY ? book.askLeft : book.bidLeft;
      Fixed qty = Fixed.min(order.leaves(), left);
      if (qty.isPositive()) {
        fill(order, qty, makerPx, out);
        if (order.request.side() == Side.BUY) {
          book.askLeft = book.askLeft.minus(qty);
        } else {
          book.bidLeft = book.bidLeft.minus(qty);
        }
      }
    }
  }

  private void sweepAgainstMaker(Book book, NavigableMap<Fixed, Deque<Order>> side, Side of, List<Execution> out) {
    Fixed makerPx = of == Side.BUY ? book.ask : book.bid;
    for (var it = side.entrySet().iterator(); it.hasNext(); ) {
      var level = it.next();
      Fixed left = of == Side.BUY ? book.askLeft : book.bidLeft;
      if (!left.isPositive()) {
        return;
      }
      Order first = level.getValue().peekFirst();
      if (!crosses(first.request, makerPx)) {
        return;
      }
      for (var orders = level.getValue().iterator(); orders.hasNext(); ) {
        Order order = orders.next();
        left = of == Side.BUY ? book.askLeft : book.bidLeft;
        Fixed qty = Fixed.min(order.leaves(), left);
        if (!qty.isPositive()) {
          return;
        }
        // a resting limit fills at its own price or better: the maker's price when it crossed
        Fixed px = order.request.type() == OrderType.LIMIT ? betterOf(of, order.request.limitPrice(), makerPx)
            : makerPx;
        fill(order, qty, px, out);
        if (of == Side.BUY) {
          book.askLeft = book.askLeft.minus(qty);
        } else {
          book.bidLeft = book.bidLeft.minus(qty);
        }
        if (order.leaves().isZero()) {
          orders.remove();
        }
      }
      if (level.getValue().isEmpty()) {
        it.remove();
      }
    }
  }

  private static Fixed betterOf(Side side, Fixed limit, Fixed market) {
    return side == Side.BUY ? Fixed.min(limit, market) : Fixed.max(limit, market);
  }

  private void fill(Order order, Fixed qty, Fixed px, List<Execution> out) {
    order.cumQty = order.cumQty.plus(qty);
    order.notional = order.notional.plus(qty.times(px));
    order.status = order.leaves().isZero() ? ExecType.FILL : ExecType.PARTIAL_FILL;
    out.add(report(order, order.status, qty, px, ""));
  }

  private void rest(Book book, Order order) {
    Side side = order.request.side();
    (side == Side.BUY ? book.bids : book.asks).computeIfAbsent(order.request.limitPrice(), k -> new ArrayDeque<>())
        .addLast(order);
  }

  private void remove(Book book, Order order) {
    NavigableMap<Fixed, Deque<Order>> side = order.request.side() == Side.BUY ? book.bids : book.asks;
    side.values().forEach(q -> q.remove(order));
    side.values().removeIf(Deque::isEmpty);
    book.pendingMarket.remove(order);
  }

  private static NavigableMap<Fixed, Deque<Order>> opposite(Book book, Side side) {
    return side == Side.BUY ? book.asks : book.bids;
  }

  /** Whether an order may trade at {@code px}: a market order always, a limit at its price or better. */
  private static boolean crosses(NewOrder order, Fixed px) {
    if (order.type() == OrderType.MARKET) {
      return true;
    }
    return order.side() == Side.BUY ? px.compareTo(order.limitPrice()) <= 0 : px.compareTo(order.limitPrice()) >= 0;
  }

  private Execution report(Order order, ExecType type, Fixed lastQty, Fixed lastPx, String text) {
    NewOrder r = order.request;
    return new Execution(type, "e" + nextExecId++, order.orderId, r.clOrdId(), r.symbol(), r.side(), r.quantity(),
        lastQty, lastPx, order.cumQty, order.leaves(), order.avgPx(), order.status, text);
  }
}
