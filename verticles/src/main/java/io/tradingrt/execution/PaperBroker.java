package io.tradingrt.execution;

import io.tradingrt.book.RecentOrderIds;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TimeInForce;
import io.tradingrt.time.MicrosClock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated venue filling against the latest quote. Market orders take the opposite side (buy at ask, sell at bid)
 * moved against the order by {@code slippageBps}; limit orders rest until marketable (buy limit ≥ ask, sell limit
 * ≤ bid) and fill at the quote, which is the better of quote and limit, without slippage. A fill is capped by the
 * displayed size left on that quote (orders consume it in submission order), so large orders fill partially and
 * DAY/GTC remainders continue on later ticks. IOC cancels its remainder (CANCELED); FOK fills in full at once or
 * EXPIRES untouched, because its time condition, not a request, ended it. An order that reaches the broker after
 * later quotes of its symbol meets the quote of its own data time first ({@code tsMicros} + latency; see
 * {@link #acceptedMatch}), so live and backtest fill at the same prices. An order becomes eligible
 * {@code latencyMicros} after submission; due orders are processed on the next tick or {@link #processDue()}.
 * A resubmitted client order id is ignored: delivery is at-least-once.
 */
public final class PaperBroker {

  /** A quote of a symbol and the size left on it. */
  private static final class Quote {
    Tick tick;
    Fixed bidLeft;
    Fixed askLeft;

    void update(Tick latest) {
      this.tick = latest;
      this.bidLeft = latest.bidSize();
      this.askLeft = latest.askSize();
    }
  }

  /**
   * The last {@link #RECENT_QUOTES} quotes of a symbol in a ring whose slots are reused, so a tick allocates nothing:
   * {@code back(0)} is the current quote, {@code back(size() - 1)} the oldest kept (see {@link #acceptedMatch}).
   */
  private static final class QuoteHistory {
    private final Quote[] ring = new Quote[RECENT_QUOTES];
    private int newest = -1;
    private int size;

    void update(Tick tick) {
      newest = (newest + 1) % ring.length;
      if (ring[newest] == null) {
        ring[newest] = new Quote();
      }
      ring[newest].update(tick);
      size = Math.min(size + 1, ring.length);
    }

    Quote back(int k) {
      return ring[Math.floorMod(newest - k, ring.length)];
    }

    int size() {
      return size;
    }
  }

  private static final class Working {
    final OrderTracker tracker;
    final long eligibleAtMicros;

    Working(OrderTracker tracker, long eligibleAtMicros) {
      this.tracker = tracker;
      this.eligibleAtMicros = eligibleAtMicros;
    }
  }

  private final BrokerConfig config;
  private final MicrosClock clock;
  private final Map<String, QuoteHistory> quotes = new HashMap<>();
  private final Map<String, Working> working = new LinkedHashMap<>();
  /** How many quotes per symbol an order that arrives late in data time can go back over. */
  static final int RECENT_QUOTES = 64;
  /** Bounded: duplicates arrive within seconds; 200K ids cover minutes at thousands of orders per second. */
  private final RecentOrderIds seenOrderIds = new RecentOrderIds(200_000);
  private List<OrderEvent> events;
  private List<Fill> fills;

  public PaperBroker(BrokerConfig config, MicrosClock clock) {
    this.config = config;
    this.clock = clock;
  }

  public BrokerResult submit(OrderRequest order) {
    if (!seenOrderIds.add(order.clientOrderId())) {
      return BrokerResult.EMPTY;
    }
    begin();
    long now = clock.nowMicros();
    OrderTracker tracker = new OrderTracker(order);
    tracker.transition(OrderStatus.SUBMITTED);
    emit(tracker, null, now);
    if (!order.quantity().isPositive()) {
      // risk denies these first (INVALID_ORDER); the broker keeps the same code for an order that skipped risk
      tracker.transition(OrderStatus.REJECTED);
      events.add(tracker.event(ReasonCode.INVALID_ORDER, ReasonCode.INVALID_ORDER.sentence() + ": quantity "
          + order.quantity() + " is not positive", now));
      return end();
    }
    working.put(order.clientOrderId(), new Working(tracker, now + config.latencyMicros()));
    process(null, now);
    return end();
  }

  /**
   * Takes over an order that was working when the runtime stopped, from its latest journaled event and its journaled
   * fills, through the same tracker a live order uses: it keeps its fill count (so fill ids go on where they
   * stopped) and rests or fills from the next tick. An order its fills already fill completely is not taken over.
   * Returns whether the order works again.
   */
  public boolean resume(OrderEvent latest, List<Fill> itsFills) {
    OrderTracker tracker = new OrderTracker(latest.request());
    tracker.transition(OrderStatus.SUBMITTED);
    if (latest.status() != OrderStatus.SUBMITTED) {
      tracker.transition(OrderStatus.ACCEPTED);
    }
    for (Fill fill : itsFills) {
      tracker.fill(fill.quantity(), fill.price());
    }
    seenOrderIds.add(latest.clientOrderId());
    if (tracker.status().isTerminal()) {
      return false;
    }
    working.put(latest.clientOrderId(), new Working(tracker, clock.nowMicros()));
    return true;
  }

  /** Client order ids seen before a restart stay duplicates after it. */
  public void seen(List<String> clientOrderIds) {
    clientOrderIds.forEach(seenOrderIds::add);
  }

  /** Updates the quote of the tick's symbol, then accepts due orders and matches working orders of that symbol. */
  public BrokerResult onTick(Tick tick) {
    QuoteHistory history = quotes.get(tick.symbol());
    if (history == null) {
      history = new QuoteHistory();
      quotes.put(tick.symbol(), history);
    }
    history.update(tick);
    if (working.isEmpty()) {
      // the common case: nothing can be due or matched, so nothing is allocated for this tick
      return BrokerResult.EMPTY;
    }
    begin();
    process(tick.symbol(), clock.nowMicros());
    return end();
  }

  /** Accepts orders whose latency has elapsed, matching them against the quotes already known. */
  public BrokerResult processDue() {
    begin();
    process(null, clock.nowMicros());
    return end();
  }

  /** Cancels a working order at once; an unknown or finished order yields nothing. */
  public BrokerResult cancel(String clientOrderId) {
    Working order = working.get(clientOrderId);
    if (order == null) {
      return BrokerResult.EMPTY;
    }
    begin();
    long now = clock.nowMicros();
    order.tracker.transition(OrderStatus.PENDING_CANCEL);
    emit(order.tracker, null, now);
    finish(order.tracker, OrderStatus.CANCELED, ReasonCode.CANCEL_REQUESTED, now);
    working.remove(clientOrderId);
    return end();
  }

  /** Expires every DAY order, accepted or still in flight; GTC orders keep working. */
  public BrokerResult endOfDay() {
    begin();
    long now = clock.nowMicros();
    for (Iterator<Working> it = working.values().iterator(); it.hasNext(); ) {
      OrderTracker tracker = it.next().tracker;
      if (tracker.request().timeInForce() == TimeInForce.DAY) {
        finish(tracker, OrderStatus.EXPIRED, ReasonCode.SESSION_END, now);
        it.remove();
      }
    }
    return end();
  }

  public int workingOrders() {
    return working.size();
  }

  private void process(String tickedSymbol, long now) {
    for (Iterator<Working> it = working.values().iterator(); it.hasNext(); ) {
      Working order = it.next();
      OrderTracker tracker = order.tracker;
      if (tracker.status() == OrderStatus.SUBMITTED) {
        if (order.eligibleAtMicros > now) {
          continue;
        }
        tracker.transition(OrderStatus.ACCEPTED);
        emit(tracker, null, now);
        acceptedMatch(tracker, now);
      } else if (!tracker.request().symbol().equals(tickedSymbol)) {
        continue;
      } else {
        match(tracker, current(tracker.request().symbol()), now);
      }
      if (tracker.status().isTerminal()) {
        it.remove();
      }
    }
  }

  /**
   * A just-accepted order meets the quote that was current at its data time (its {@code tsMicros}, the time of the
   * tick that caused it, plus the latency), then each later quote of its symbol, as it would have had it reached the
   * broker at once. Live, an order makes its hops while later quotes may already have arrived; in a backtest it never
   * arrives late, so this is the current quote and both meet the same prices (docs/backtest.md, parity). An order
   * older than every kept quote, or newer than the current one, meets the current quote.
   */
  private void acceptedMatch(OrderTracker tracker, long now) {
    OrderRequest order = tracker.request();
    QuoteHistory history = quotes.get(order.symbol());
    long at = order.tsMicros() + config.latencyMicros();
    if (history == null || history.back(0).tick.tsMicros() <= at) {
      match(tracker, history == null ? null : history.back(0), now);
      return;
    }
    int from = -1;
    for (int k = 1; k < history.size(); k++) {
      if (history.back(k).tick.tsMicros() <= at) {
        from = k;
        break;
      }
    }
    if (from < 0) {
      match(tracker, history.back(0), now);
      return;
    }
    for (int k = from; k >= 0 && !tracker.status().isTerminal(); k--) {
      match(tracker, history.back(k), now);
    }
  }

  private Quote current(String symbol) {
    QuoteHistory history = quotes.get(symbol);
    return history == null ? null : history.back(0);
  }

  private void match(OrderTracker tracker, Quote quote, long now) {
    OrderRequest order = tracker.request();
    TimeInForce tif = order.timeInForce();
    if (quote == null) {
      if (tif == TimeInForce.IOC || tif == TimeInForce.FOK) {
        finish(tracker, tif == TimeInForce.FOK ? OrderStatus.EXPIRED : OrderStatus.CANCELED, ReasonCode.NO_QUOTE,
            now);
      }
      return;
    }
    boolean buy = order.side() == Side.BUY;
    Fixed available = marketable(order, quote.tick) ? (buy ? quote.askLeft : quote.bidLeft) : Fixed.ZERO;
    if (tif == TimeInForce.FOK && available.lessThan(tracker.remaining())) {
      finish(tracker, OrderStatus.EXPIRED, ReasonCode.FOK_NOT_FILLABLE, now);
      return;
    }
    Fixed quantity = Fixed.min(available, tracker.remaining());
    if (quantity.isPositive()) {
      fill(tracker, quote, quantity, now);
    }
    if (tif == TimeInForce.IOC && !tracker.status().isTerminal()) {
      finish(tracker, OrderStatus.CANCELED, ReasonCode.IOC_REMAINDER, now);
    }
  }

  private void fill(OrderTracker tracker, Quote quote, Fixed quantity, long now) {
    OrderRequest order = tracker.request();
    Fixed price = fillPrice(order, quote.tick);
    if (order.side() == Side.BUY) {
      quote.askLeft = quote.askLeft.minus(quantity);
    } else {
      quote.bidLeft = quote.bidLeft.minus(quantity);
    }
    tracker.fill(quantity, price);
    Fixed notional = price.times(quantity);
    fills.add(new Fill(tracker.lastFillId(), order.clientOrderId(), order.strategy(), order.symbol(), order.side(),
        quantity, price, fee(notional), now));
    emit(tracker, null, now);
  }

  /** Fee = max(minFee, notional × feeBps), and never negative even with a rebate or a negative minimum configured. */
  Fixed fee(Fixed notional) {
    return Fixed.max(Fixed.ZERO, Fixed.max(config.minFee(), notional.abs().timesBps(config.feeBps())));
  }

  private Fixed fillPrice(OrderRequest order, Tick quote) {
    boolean buy = order.side() == Side.BUY;
    if (order.type() == OrderType.LIMIT) {
      return buy ? Fixed.min(order.limitPrice(), quote.ask()) : Fixed.max(order.limitPrice(), quote.bid());
    }
    return buy ? quote.ask().plus(quote.ask().timesBps(config.slippageBps()))
        : quote.bid().minus(quote.bid().timesBps(config.slippageBps()));
  }

  private static boolean marketable(OrderRequest order, Tick quote) {
    boolean buy = order.side() == Side.BUY;
    Fixed touch = buy ? quote.ask() : quote.bid();
    if (!touch.isPositive()) {
      return false;
    }
    if (order.type() == OrderType.MARKET) {
      return true;
    }
    return buy ? order.limitPrice().compareTo(touch) >= 0 : order.limitPrice().compareTo(touch) <= 0;
  }

  private void finish(OrderTracker tracker, OrderStatus status, ReasonCode reason, long now) {
    tracker.transition(status);
    emit(tracker, reason, now);
  }

  private void emit(OrderTracker tracker, ReasonCode reason, long now) {
    events.add(reason == null ? tracker.event(null, null, now)
        : tracker.event(reason, reason.sentence(), now));
  }

  private void begin() {
    events = new ArrayList<>(4);
    fills = new ArrayList<>(2);
  }

  private BrokerResult end() {
    BrokerResult result = events.isEmpty() && fills.isEmpty() ? BrokerResult.EMPTY : new BrokerResult(events, fills);
    events = null;
    fills = null;
    return result;
  }
}
