package io.tradingrt.risk;

import io.tradingrt.book.Portfolio;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.RiskDecision;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TradingState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives a {@link RiskEngine} through a scenario while keeping its own simple model of positions, open orders and
 * equity, and records what the model says about every order the engine decided on.
 */
final class RiskHarness {

  static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "GOOG");
  static final List<String> STRATEGIES = List.of("alpha", "beta", "gamma");

  /** What the model knew when the engine decided on {@code order}. */
  record Checked(OrderRequest order, RiskDecision decision, TradingState stateBefore, Fixed notional,
                 Fixed projectedPosition, Fixed grossBefore, Fixed grossAfter, Fixed freeCash, boolean reduces) {
  }

  /** The engine's state and the model's loss figures after one step. */
  record AfterStep(TradingState state, Fixed dailyLoss, Fixed drawdown) {
  }

  private static final class ModelOrder {
    final OrderRequest order;
    final Fixed valuationPrice;
    Fixed filled = Fixed.ZERO;

    ModelOrder(OrderRequest order, Fixed valuationPrice) {
      this.order = order;
      this.valuationPrice = valuationPrice;
    }

    Fixed remaining() {
      return order.quantity().minus(filled);
    }
  }

  final TestData.ManualClock clock = new TestData.ManualClock(1_000_000);
  final RiskEngine engine;
  final List<Checked> checked = new ArrayList<>();
  final List<AfterStep> afterSteps = new ArrayList<>();
  private final Portfolio shadow;
  private final Map<String, Tick> quotes = new HashMap<>();
  private final Map<String, ModelOrder> open = new LinkedHashMap<>();
  private int nextId;

  /** What the engine does while storage cannot commit (risk.storageUnavailableAction). */
  TradingState storageAction = TradingState.REDUCING;

  RiskHarness(RiskLimits limits) {
    Map<String, InstrumentSpec> specs = new HashMap<>();
    SYMBOLS.forEach(symbol -> specs.put(symbol, TestData.instrument()));
    this.engine = new RiskEngine(new Instruments(specs), limits, clock);
    this.shadow = new Portfolio(limits.initialCash());
  }

  RiskHarness run(List<RiskScenario.Step> steps) {
    for (RiskScenario.Step step : steps) {
      apply(step);
      Fixed dailyLoss = shadow.initialCash().minus(shadow.equity());
      afterSteps.add(new AfterStep(engine.state(), dailyLoss, shadow.drawdown()));
    }
    return this;
  }

  List<String> modelOpenOrderIds() {
    return List.copyOf(open.keySet());
  }

  private void apply(RiskScenario.Step step) {
    if (step instanceof RiskScenario.Quote quote) {
      Fixed mid = Fixed.of(quote.midCents()).dividedBy(Fixed.of(100));
      Fixed half = Fixed.of(quote.halfSpreadCents()).dividedBy(Fixed.of(100));
      Tick tick = TestData.tick(SYMBOLS.get(quote.symbol())).quote(mid.minus(half), mid.plus(half))
          .at(clock.nowMicros()).build();
      quotes.put(tick.symbol(), tick);
      shadow.onTick(tick);
      engine.onTick(tick);
    } else if (step instanceof RiskScenario.Submit submit) {
      submit(submit);
    } else if (step instanceof RiskScenario.FillPart fillPart) {
      fill(fillPart);
    } else if (step instanceof RiskScenario.Cancel cancel && !open.isEmpty()) {
      ModelOrder order = pick(cancel.pick());
      engine.onOrderEvent(event(order, OrderStatus.CANCELED));
      open.remove(order.order.clientOrderId());
    } else if (step instanceof RiskScenario.Wait wait) {
      clock.advance(wait.micros());
    } else if (step instanceof RiskScenario.Storage storage) {
      if (storage.available()) {
        engine.storageAvailable();
      } else {
        engine.storageUnavailable(storageAction, "scenario");
      }
    } else if (step instanceof RiskScenario.Control control) {
      engine.control(control.command(), "scenario");
      if (control.command() == io.tradingrt.codecs.ControlCommand.KILL) {
        for (String id : engine.openOrderIds()) {
          ModelOrder order = open.remove(id);
          if (order != null) {
            engine.onOrderEvent(event(order, OrderStatus.CANCELED));
          }
        }
      }
    }
  }

  private void submit(RiskScenario.Submit submit) {
    String symbol = SYMBOLS.get(submit.symbol());
    String id = submit.reuseLastId() && nextId > 0 ? "o" + nextId : "o" + (++nextId);
    Side side = submit.side();
    Fixed quantity = Fixed.of(submit.quantity());
    Fixed held = shadow.quantity(symbol);
    if (submit.closing() && !held.isZero()) {
      side = held.isPositive() ? Side.SELL : Side.BUY;
      long units = held.abs().raw() / Fixed.ONE_RAW * submit.quantity() / 100;
      quantity = Fixed.of(Math.max(1, units));
    }
    Tick quote = quotes.get(symbol);
    Fixed limitPrice = submit.limit() ? limitPrice(quote, side, submit.offsetCents()) : null;
    OrderRequest order = TestData.order(id).strategy(STRATEGIES.get(submit.strategy())).symbol(symbol)
        .side(side).quantity(quantity).limit(limitPrice).reduceOnly(submit.reduceOnly()).build();
    TradingState stateBefore = engine.state();
    Fixed valuation = limitPrice != null ? limitPrice
        : quote == null ? Fixed.ZERO : side == Side.BUY ? quote.ask() : quote.bid();
    Fixed move = pending(symbol, side).plus(order.quantity());
    Fixed projected = held.plus(side == Side.BUY ? move : move.negate());
    boolean reduces = held.signum() == -side.sign() && move.compareTo(held.abs()) <= 0;
    Fixed freeCash = shadow.cash().minus(pendingBuyNotional());
    Fixed grossBefore = worstCaseGross(null);
    Fixed grossAfter = worstCaseGross(order);
    RiskDecision decision = engine.check(order);
    checked.add(new Checked(order, decision, stateBefore, order.quantity().times(valuation), projected, grossBefore,
        grossAfter, freeCash, reduces));
    if (decision.approved()) {
      open.put(id, new ModelOrder(order, valuation));
    }
  }

  /** {@code offsetCents} through the mid, on the cent grid. */
  private static Fixed limitPrice(Tick quote, Side side, int offsetCents) {
    Fixed mid = quote == null ? Fixed.of(100) : quote.mid();
    Fixed offset = Fixed.of(offsetCents).dividedBy(Fixed.of(100));
    Fixed raw = side == Side.BUY ? mid.plus(offset) : mid.minus(offset);
    return Fixed.ofRaw(raw.raw() - raw.raw() % 1_000_000);
  }

  private void fill(RiskScenario.FillPart fillPart) {
    if (open.isEmpty()) {
      return;
    }
    ModelOrder order = pick(fillPart.pick());
    Tick quote = quotes.get(order.order.symbol());
    long units = Math.max(1, order.remaining().raw() / Fixed.ONE_RAW * fillPart.percent() / 100);
    Fixed quantity = Fixed.min(Fixed.of(units), order.remaining());
    Fixed adverse = Fixed.of(fillPart.adverseCents()).dividedBy(Fixed.of(100));
    Fixed price = order.order.side() == Side.BUY ? quote.ask().plus(adverse) : quote.bid().minus(adverse);
    Fill fill = new Fill(order.order.clientOrderId() + "-" + order.filled, order.order.clientOrderId(),
        order.order.strategy(), order.order.symbol(), order.order.side(), quantity, Fixed.max(price, Fixed.ONE),
        Fixed.of("0.5"), clock.nowMicros());
    order.filled = order.filled.plus(quantity);
    boolean done = order.remaining().isZero();
    OrderEvent event = event(order, done ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED);
    if (fillPart.eventFirst()) {
      engine.onOrderEvent(event);
    }
    shadow.onFill(fill);
    engine.onFill(fill);
    if (!fillPart.eventFirst()) {
      engine.onOrderEvent(event);
    }
    if (done) {
      open.remove(order.order.clientOrderId());
    }
  }

  private ModelOrder pick(int index) {
    return new ArrayList<>(open.values()).get(index % open.size());
  }

  private Fixed pending(String symbol, Side side) {
    Fixed total = Fixed.ZERO;
    for (ModelOrder order : open.values()) {
      if (order.order.symbol().equals(symbol) && order.order.side() == side) {
        total = total.plus(order.remaining());
      }
    }
    return total;
  }

  private Fixed pendingBuyNotional() {
    Fixed total = Fixed.ZERO;
    for (ModelOrder order : open.values()) {
      if (order.order.side() == Side.BUY) {
        total = total.plus(order.remaining().times(order.valuationPrice));
      }
    }
    return total;
  }

  private Fixed worstCaseGross(OrderRequest extra) {
    Fixed gross = Fixed.ZERO;
    for (String symbol : SYMBOLS) {
      Fixed position = shadow.quantity(symbol);
      Fixed buys = pending(symbol, Side.BUY);
      Fixed sells = pending(symbol, Side.SELL);
      if (extra != null && extra.symbol().equals(symbol)) {
        buys = extra.side() == Side.BUY ? buys.plus(extra.quantity()) : buys;
        sells = extra.side() == Side.SELL ? sells.plus(extra.quantity()) : sells;
      }
      Tick quote = quotes.get(symbol);
      Fixed mark = quote == null ? Fixed.ZERO : quote.mid();
      gross = gross.plus(Fixed.max(position.plus(buys).abs(), position.minus(sells).abs()).times(mark));
    }
    return gross;
  }

  private OrderEvent event(ModelOrder order, OrderStatus status) {
    OrderRequest request = order.order;
    return new OrderEvent(request.clientOrderId(), request.strategy(), request.symbol(), request.side(),
        request.type(), request.timeInForce(), status, request.quantity(), request.limitPrice(), order.filled,
        Fixed.ZERO, null, null, clock.nowMicros());
  }
}
