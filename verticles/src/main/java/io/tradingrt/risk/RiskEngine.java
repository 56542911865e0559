package io.tradingrt.risk;

import io.tradingrt.book.Portfolio;
import io.tradingrt.book.RecentOrderIds;
import io.tradingrt.codecs.ControlCommand;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.JournalImage;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.RiskDecision;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TimeInForce;
import io.tradingrt.codecs.TradingState;
import io.tradingrt.time.MicrosClock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pre-trade checks and the trading state. Checks run in a fixed order and the first failure is the denial:
 * state, order shape, instrument, duplicate id, precision, quantity bounds, price band, market price, order notional,
 * reduce-only, throttles, free balance, position, gross exposure. An approval registers the order as pending at once,
 * so the next check counts it; it is released only by fills and terminal order events.
 * The engine keeps its own view of the account (a {@link Portfolio} fed by fills and quotes) and re-evaluates the
 * daily-loss and drawdown limits on every tick, fill and check, so a breach changes the state before the next approval.
 * Limits are hard: resuming while a limit is still breached re-applies its action at once; {@link #startNewDay()}
 * re-bases the daily loss.
 */
public final class RiskEngine {
  /** The strategy of a flatten order: an operator's order, named as {@code POST /api/orders} names those. */
  public static final String OPERATOR_STRATEGY = "manual";

  private final Instruments instruments;
  private final RiskLimits limits;
  private final MicrosClock clock;
  private final Portfolio account;
  private final OpenOrders openOrders = new OpenOrders();
  private final Map<String, Tick> quotes = new HashMap<>();
  /** Bounded: duplicates arrive within seconds; 200K ids cover minutes at thousands of orders per second. */
  private final RecentOrderIds seenOrderIds = new RecentOrderIds(200_000);
  private final SlidingWindowThrottle globalThrottle;
  private final Map<String, SlidingWindowThrottle> strategyThrottles = new HashMap<>();
  private final TradingStateKeeper states = new TradingStateKeeper();
  private final DenialCounts denials = new DenialCounts();
  private Fixed dayStartEquity;
  /** The notional of the latest order valued against {@code maxOrderNotional}: that limit's usage. */
  private Fixed lastOrderNotional = Fixed.ZERO;

  public RiskEngine(Instruments instruments, RiskLimits limits, MicrosClock clock) {
    this.instruments = instruments;
    this.limits = limits;
    this.clock = clock;
    this.account = new Portfolio(limits.initialCash());
    this.dayStartEquity = limits.initialCash();
    this.globalThrottle = new SlidingWindowThrottle(limits.throttleGlobal(), limits.throttleIntervalMicros());
  }

  public RiskDecision check(OrderRequest order) {
    long now = clock.nowMicros();
    evaluateLossLimits(now);
    boolean firstSighting = seenOrderIds.add(order.clientOrderId());
    Denial denial = firstFailure(order, firstSighting, now);
    if (denial != null) {
      denials.record(denial.reason(), now);
      return RiskDecision.deny(order.clientOrderId(), denial.reason(), denial.detail(), states.state(), now);
    }
    openOrders.add(order, valuationPrice(order, quotes.get(order.symbol())));
    globalThrottle.admit(now);
    strategyThrottle(order.strategy()).admit(now);
    return RiskDecision.approve(order.clientOrderId(), states.state(), now);
  }

  public void onTick(Tick tick) {
    quotes.put(tick.symbol(), tick);
    account.onTick(tick);
    evaluateLossLimits(clock.nowMicros());
  }

  public void onFill(Fill fill) {
    openOrders.onFill(fill);
    account.onFill(fill);
    evaluateLossLimits(clock.nowMicros());
  }

  public void onOrderEvent(OrderEvent event) {
    openOrders.onOrderEvent(event);
  }

  /** Applies an operator command; KILL halts, and the caller cancels {@link #openOrderIds()}. */
  public Optional<RiskStateChange> control(ControlCommand command, String reason) {
    long now = clock.nowMicros();
    TradingState target = switch (command) {
      case HALT, KILL -> TradingState.HALTED;
      case REDUCE -> TradingState.REDUCING;
      case RESUME -> TradingState.ACTIVE;
    };
    Optional<RiskStateChange> change = states.set(target, ReasonCode.of(command), reason, now);
    evaluateLossLimits(now);
    return change;
  }

  /**
   * A venue's reconciliation found a difference it cannot explain: trading goes to the command's state (HALT or
   * REDUCE) with {@link ReasonCode#RECONCILIATION_MISMATCH}, the detail naming the order; only an operator lifts it.
   */
  public Optional<RiskStateChange> reconciliationMismatch(ControlCommand command, String detail) {
    TradingState target = command == ControlCommand.REDUCE ? TradingState.REDUCING : TradingState.HALTED;
    long now = clock.nowMicros();
    Optional<RiskStateChange> change = states.set(target, ReasonCode.RECONCILIATION_MISMATCH, detail, now);
    evaluateLossLimits(now);
    return change;
  }

  /**
   * The storage writer cannot commit: every order is refused ({@link ReasonCode#STORAGE_UNAVAILABLE}) — reducing
   * ones too, since their events could not be journaled — and the state escalates to {@code action}.
   */
  public void storageUnavailable(TradingState action, String detail) {
    states.storageUnavailable(action, "storage cannot commit: " + detail, clock.nowMicros());
  }

  /** Storage commits again: the state before the fault returns unless an operator or a limit decided otherwise. */
  public void storageAvailable() {
    long now = clock.nowMicros();
    states.storageAvailable("storage commits again", now);
    evaluateLossLimits(now);
  }

  public boolean storageIsAvailable() {
    return !states.storageUnavailable();
  }

  /**
   * Rebuilds the engine from the journal before it checks anything, through the code that built it live: every fill
   * goes to the account as {@link #onFill} sends it, the working orders are registered as {@link #check} registers
   * an approval and their fills shrink them as live; the trading state is the one journaled last, the daily-loss
   * baseline the last day roll's, and the recent client order ids are seen already. Loss limits are not evaluated
   * here: a fold marks at fill prices, not at the quotes the live engine saw, so the next tick evaluates them.
   * Returns the differences between the fold and the stored positions (see {@link PositionCheck}).
   */
  public List<String> rebuild(JournalImage image) {
    PositionCheck check = new PositionCheck(image.positions());
    Set<String> workingIds = new HashSet<>();
    image.workingOrders().forEach(w -> workingIds.add(w.clientOrderId()));
    List<Fill> workingFills = new ArrayList<>();
    account.rebuild(image.fills(), image.peakEquity(), fill -> {
      check.afterFill(fill, account);
      if (workingIds.contains(fill.clientOrderId())) {
        workingFills.add(fill);
      }
    });
    for (OrderEvent working : image.workingOrders()) {
      OrderRequest order = working.request();
      // a market order's valuation quote is gone with the process: value it at the symbol's latest mark
      Fixed valuation = order.type() == OrderType.LIMIT ? order.limitPrice()
          : account.markPrice(order.symbol()).orElse(Fixed.ZERO);
      openOrders.add(order, valuation);
    }
    workingFills.forEach(openOrders::onFill);
    image.recentOrderIds().forEach(seenOrderIds::add);
    if (image.lastStateChange() != null) {
      states.restore(image.lastStateChange().toStateChange());
    }
    dayStartEquity = image.lastDayRoll() != null && image.lastDayRoll().amount() != null
        ? image.lastDayRoll().amount() : limits.initialCash();
    return check.differences(account, image.tradedQuantities());
  }

  /** The engine's own view of the account, rebuilt or live: position of one symbol. */
  public Optional<Position> position(String symbol) {
    return account.position(symbol);
  }

  /** Symbols the engine's account ever traded. */
  public Set<String> tradedSymbols() {
    return account.symbols();
  }

  /** The change that set the current trading state, or null while it is the initial ACTIVE. */
  public RiskStateChange lastStateChange() {
    return states.lastChange();
  }

  /** The engine's own view of the account: cash, realized P&L (fees excluded) and fees. */
  public Fixed cash() {
    return account.cash();
  }

  public Fixed realizedPnl() {
    return account.realizedPnl();
  }

  public Fixed fees() {
    return account.fees();
  }

  /** The equity the daily loss is measured from. */
  public Fixed dayStartEquity() {
    return dayStartEquity;
  }

  /**
   * Starts HALTED because the rebuilt book cannot be vouched for; an operator's RESUME, after looking, lifts it.
   */
  public void recoveryMismatch(String detail) {
    states.set(TradingState.HALTED, ReasonCode.RECOVERY_MISMATCH, detail, clock.nowMicros());
  }

  /** Re-bases the daily loss on the current equity; the verticle calls it at each session start. */
  public void startNewDay() {
    dayStartEquity = account.equity();
  }

  /** State changes since the last call, in order, for publishing. */
  public List<RiskStateChange> drainStateChanges() {
    return states.drain();
  }

  public TradingState state() {
    return states.state();
  }

  /** Approved orders that may still fill, oldest first. */
  public List<String> openOrderIds() {
    return openOrders.ids();
  }

  /** The engine's own view of the account, for monitoring. */
  public Fixed equity() {
    return account.equity();
  }

  /** A denial decided outside the checks (a fenced node's NO_TRADING_CORE), counted with the others. */
  public void countDenial(ReasonCode reason) {
    denials.record(reason, clock.nowMicros());
  }

  /** Denials by reason over the last minute. */
  public Map<ReasonCode, Long> denialsLastMinute() {
    return denials.lastMinute(clock.nowMicros());
  }

  /** Denials by reason since this engine started (a restart starts them again). */
  public Map<ReasonCode, Long> denialsSinceStart() {
    return denials.sinceStart();
  }

  /**
   * Every enabled limit with its usage as the checks see it now: positions and gross exposure counting open orders
   * (worst case), the daily loss from the day's start equity (zero while in profit), the drawdown, the order rates in
   * the current throttle window and the latest order's notional. Disabled limits (non-positive) are left out.
   */
  public List<LimitUsage> limitUsage() {
    long now = clock.nowMicros();
    List<LimitUsage> usage = new ArrayList<>();
    if (limits.maxOrderNotional().isPositive()) {
      usage.add(new LimitUsage("maxOrderNotional", null, null, lastOrderNotional, limits.maxOrderNotional()));
    }
    if (limits.maxPositionQuantity().isPositive()) {
      Set<String> symbols = new TreeSet<>(instruments.symbols());
      symbols.addAll(account.symbols());
      symbols.addAll(openOrders.symbols(Side.BUY));
      symbols.addAll(openOrders.symbols(Side.SELL));
      for (String symbol : symbols) {
        Fixed position = account.quantity(symbol);
        Fixed worst = Fixed.max(position.plus(openOrders.pending(symbol, Side.BUY)).abs(),
            position.minus(openOrders.pending(symbol, Side.SELL)).abs());
        usage.add(new LimitUsage("maxPositionQuantity", symbol, null, worst, limits.maxPositionQuantity()));
      }
    }
    if (limits.maxGrossExposure().isPositive()) {
      usage.add(new LimitUsage("maxGrossExposure", null, null, worstCaseGrossExposure(null, Fixed.ZERO),
          limits.maxGrossExposure()));
    }
    if (limits.dailyLossLimit().isPositive()) {
      usage.add(new LimitUsage("dailyLossLimit", null, null, Fixed.max(Fixed.ZERO,
          dayStartEquity.minus(account.equity())), limits.dailyLossLimit()));
    }
    if (limits.maxDrawdown().isPositive()) {
      usage.add(new LimitUsage("maxDrawdown", null, null, account.drawdown(), limits.maxDrawdown()));
    }
    if (limits.throttlePerStrategy() > 0) {
      new TreeMap<>(strategyThrottles).forEach((strategy, throttle) -> usage.add(new LimitUsage("throttlePerStrategy",
          null, strategy, Fixed.of(throttle.used(now)), Fixed.of(throttle.limit()))));
    }
    if (limits.throttleGlobal() > 0) {
      usage.add(new LimitUsage("throttleGlobal", null, null, Fixed.of(globalThrottle.used(now)),
          Fixed.of(globalThrottle.limit())));
    }
    return usage;
  }

  /**
   * The order that flattens {@code symbol}: a reduce-only market order against the engine's whole position, for
   * {@link #check} like any other (so it passes in REDUCING); empty when the position is flat.
   */
  public Optional<OrderRequest> flattenOrder(String symbol, String clientOrderId) {
    Fixed position = account.quantity(symbol);
    if (position.isZero()) {
      return Optional.empty();
    }
    return Optional.of(new OrderRequest(clientOrderId, OPERATOR_STRATEGY, symbol,
        position.isPositive() ? Side.SELL : Side.BUY, OrderType.MARKET, position.abs(), null, TimeInForce.GTC, true,
        clock.nowMicros()));
  }

  private Denial firstFailure(OrderRequest order, boolean firstSighting, long now) {
    Denial denial = stateDenial(order);
    if (denial == null) {
      denial = OrderShapeChecks.malformed(order);
    }
    if (denial != null) {
      return denial;
    }
    Optional<InstrumentSpec> spec = instruments.find(order.symbol());
    if (spec.isEmpty()) {
      return new Denial(ReasonCode.UNKNOWN_INSTRUMENT, "symbol " + order.symbol() + " is not configured");
    }
    if (!firstSighting) {
      return new Denial(ReasonCode.DUPLICATE_ORDER_ID, "client order id " + order.clientOrderId() + " was seen");
    }
    denial = OrderShapeChecks.against(order, spec.get());
    if (denial != null) {
      return denial;
    }
    Tick quote = quotes.get(order.symbol());
    if (quote == null || !quote.bid().isPositive() || !quote.ask().isPositive()) {
      return new Denial(ReasonCode.NO_MARKET_PRICE, "no two-sided quote for " + order.symbol() + " yet");
    }
    Fixed notional = order.quantity().times(valuationPrice(order, quote));
    lastOrderNotional = notional;
    if (limits.maxOrderNotional().isPositive() && notional.greaterThan(limits.maxOrderNotional())) {
      return new Denial(ReasonCode.MAX_NOTIONAL_EXCEEDED,
          "notional " + notional + " exceeds the limit " + limits.maxOrderNotional());
    }
    if (order.reduceOnly() && !reducesWithoutFlip(order)) {
      return new Denial(ReasonCode.REDUCE_ONLY_VIOLATED, positionDetail(order));
    }
    return limitFailure(order, notional, quote, now);
  }

  private Denial stateDenial(OrderRequest order) {
    if (states.storageUnavailable()) {
      return new Denial(ReasonCode.STORAGE_UNAVAILABLE, "order " + order.clientOrderId()
          + " refused: storage cannot commit its events");
    }
    return switch (states.state()) {
      case ACTIVE -> null;
      case HALTED -> new Denial(ReasonCode.TRADING_HALTED,
          "order " + order.clientOrderId() + " refused in state HALTED");
      case REDUCING -> reducesWithoutFlip(order) ? null
          : new Denial(ReasonCode.TRADING_REDUCING, positionDetail(order));
    };
  }

  private Denial limitFailure(OrderRequest order, Fixed notional, Tick quote, long now) {
    SlidingWindowThrottle strategyThrottle = strategyThrottle(order.strategy());
    if (!strategyThrottle.allows(now)) {
      return new Denial(ReasonCode.THROTTLED_STRATEGY, "strategy " + order.strategy() + " already sent "
          + strategyThrottle.limit() + " orders within " + limits.throttleIntervalMicros() + " µs");
    }
    if (!globalThrottle.allows(now)) {
      return new Denial(ReasonCode.THROTTLED_GLOBAL, globalThrottle.limit() + " orders were already sent within "
          + limits.throttleIntervalMicros() + " µs");
    }
    if (order.side() == Side.BUY) {
      Fixed freeCash = account.cash().minus(openOrders.pendingBuyNotional());
      if (notional.greaterThan(freeCash)) {
        return new Denial(ReasonCode.INSUFFICIENT_BALANCE,
            "notional " + notional + " exceeds free cash " + freeCash + " (cash " + account.cash() + ")");
      }
    }
    Fixed projected = projectedPosition(order);
    if (limits.maxPositionQuantity().isPositive() && projected.abs().greaterThan(limits.maxPositionQuantity())) {
      return new Denial(ReasonCode.MAX_POSITION_EXCEEDED, "position " + order.symbol() + " could reach "
          + projected + ", beyond the limit " + limits.maxPositionQuantity());
    }
    Fixed grossBefore = worstCaseGrossExposure(null, Fixed.ZERO);
    Fixed grossAfter = worstCaseGrossExposure(order, quote.mid());
    // an order that does not raise worst-case exposure stays allowed after prices pushed exposure past the limit
    if (limits.maxGrossExposure().isPositive() && grossAfter.greaterThan(limits.maxGrossExposure())
        && grossAfter.greaterThan(grossBefore)) {
      return new Denial(ReasonCode.MAX_GROSS_EXPOSURE_EXCEEDED, "gross exposure could reach " + grossAfter
          + ", beyond the limit " + limits.maxGrossExposure());
    }
    return null;
  }

  /** True when the order, with pending orders on the same side, moves the position towards zero without crossing. */
  private boolean reducesWithoutFlip(OrderRequest order) {
    Fixed position = account.quantity(order.symbol());
    Fixed move = openOrders.pending(order.symbol(), order.side()).plus(order.quantity());
    return position.signum() == -order.side().sign() && move.compareTo(position.abs()) <= 0;
  }

  private Fixed projectedPosition(OrderRequest order) {
    Fixed move = openOrders.pending(order.symbol(), order.side()).plus(order.quantity());
    return account.quantity(order.symbol()).plus(order.side() == Side.BUY ? move : move.negate());
  }

  /**
   * Σ over symbols of the larger of |position + pending buys| and |position − pending sells|, at the mark. Each
   * symbol (traded, pending on either side, or the extra order's) counts once; the sum is exact, so its order does
   * not matter, and no set of symbols is built per check.
   */
  private Fixed worstCaseGrossExposure(OrderRequest extra, Fixed extraMark) {
    Set<String> traded = account.symbols();
    Fixed gross = Fixed.ZERO;
    for (String symbol : traded) {
      gross = gross.plus(worstExposure(symbol, extra, extraMark));
    }
    for (String symbol : openOrders.symbols(Side.BUY)) {
      if (!traded.contains(symbol)) {
        gross = gross.plus(worstExposure(symbol, extra, extraMark));
      }
    }
    for (String symbol : openOrders.symbols(Side.SELL)) {
      if (!traded.contains(symbol) && !openOrders.hasPending(symbol, Side.BUY)) {
        gross = gross.plus(worstExposure(symbol, extra, extraMark));
      }
    }
    if (extra != null && !traded.contains(extra.symbol()) && !openOrders.hasPending(extra.symbol(), Side.BUY)
        && !openOrders.hasPending(extra.symbol(), Side.SELL)) {
      gross = gross.plus(worstExposure(extra.symbol(), extra, extraMark));
    }
    return gross;
  }

  private Fixed worstExposure(String symbol, OrderRequest extra, Fixed extraMark) {
    Fixed position = account.quantity(symbol);
    Fixed buys = openOrders.pending(symbol, Side.BUY);
    Fixed sells = openOrders.pending(symbol, Side.SELL);
    if (extra != null && extra.symbol().equals(symbol)) {
      buys = extra.side() == Side.BUY ? buys.plus(extra.quantity()) : buys;
      sells = extra.side() == Side.SELL ? sells.plus(extra.quantity()) : sells;
    }
    Fixed worst = Fixed.max(position.plus(buys).abs(), position.minus(sells).abs());
    return worst.times(markOf(symbol, extra, extraMark));
  }

  private Fixed markOf(String symbol, OrderRequest extra, Fixed extraMark) {
    Tick quote = quotes.get(symbol);
    if (quote != null) {
      return quote.mid();
    }
    if (extra != null && extra.symbol().equals(symbol)) {
      return extraMark;
    }
    return account.markPrice(symbol).orElse(Fixed.ZERO);
  }

  /** Checked on every tick and fill; a limit already acted on builds no message (no String per tick while halted). */
  private void evaluateLossLimits(long now) {
    if (limits.dailyLossLimit().isPositive() && states.wouldEscalate(limits.dailyLossAction())) {
      Fixed equity = account.equity();
      Fixed dailyLoss = dayStartEquity.minus(equity);
      if (dailyLoss.compareTo(limits.dailyLossLimit()) >= 0) {
        states.escalate(limits.dailyLossAction(), ReasonCode.DAILY_LOSS_LIMIT, "daily loss " + dailyLoss
            + " reached the limit " + limits.dailyLossLimit() + " (equity " + equity + ")", now);
      }
    }
    if (!limits.maxDrawdown().isPositive() || !states.wouldEscalate(limits.maxDrawdownAction())) {
      return;
    }
    Fixed drawdown = account.drawdown();
    if (drawdown.compareTo(limits.maxDrawdown()) >= 0) {
      Fixed equity = account.equity();
      states.escalate(limits.maxDrawdownAction(), ReasonCode.MAX_DRAWDOWN, "drawdown " + drawdown
          + " reached the limit " + limits.maxDrawdown() + " (peak " + account.peakEquity() + ", equity " + equity + ")", now);
    }
  }

  private SlidingWindowThrottle strategyThrottle(String strategy) {
    return strategyThrottles.computeIfAbsent(strategy,
        name -> new SlidingWindowThrottle(limits.throttlePerStrategy(), limits.throttleIntervalMicros()));
  }

  private String positionDetail(OrderRequest order) {
    return order.side() + " " + order.quantity() + " " + order.symbol() + " against position "
        + account.quantity(order.symbol()) + " with " + openOrders.pending(order.symbol(), order.side())
        + " pending on the same side";
  }

  /** Limit orders are valued at their limit, market orders at the quote they would take (buy at ask, sell at bid). */
  private static Fixed valuationPrice(OrderRequest order, Tick quote) {
    if (order.type() == OrderType.LIMIT) {
      return order.limitPrice();
    }
    return order.side() == Side.BUY ? quote.ask() : quote.bid();
  }
}
