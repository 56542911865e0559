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
 */
abstract class TargetPositionStrategy implements Strategy {

  private final String name;
  private final Set<String> symbols;
  private final Map<String, Fixed> targets = new HashMap<>();
  private final Map<String, Fixed> committed = new HashMap<>();
  private final Map<String, Fixed> filled = new HashMap<>();

  TargetPositionStrategy(String name, List<String> symbols) {
    this.name = name;
    this.symbols = Set.copyOf(new LinkedHashSet<>(symbols));
  }

  /** The wanted position after this tick; null keeps the current target. */
  abstract Target target(Tick tick);

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
    if (!symbols.contains(tick.symbol())) {
      return List.of();
    }
    Target target = target(tick);
    if (target == null || target.quantity().equals(targetPosition(tick.symbol()))) {
      return List.of();
    }
    targets.put(tick.symbol(), target.quantity());
    Fixed gap = target.quantity().minus(committedPosition(tick.symbol()));
    if (gap.isZero()) {
      return List.of();
    }
    commit(tick.symbol(), gap);
    Side side = gap.isPositive() ? Side.BUY : Side.SELL;
    return List.of(new Signal(name, tick.symbol(), side, gap.abs(), tick.mid(), tick.tsMicros(), target.reason()));
  }

  @Override
  public final void onFill(Fill fill) {
    if (fill.strategy().equals(name)) {
      Fixed signed = fill.side() == Side.BUY ? fill.quantity() : fill.quantity().negate();
      filled.merge(fill.symbol(), signed, Fixed::plus);
    }
  }

  @Override
  public final void onOrderEvent(OrderEvent event) {
    if (event.strategy().equals(name) && event.status().isTerminal()) {
      Fixed unfilled = event.quantity().minus(event.filledQuantity());
      Fixed signed = event.side() == Side.BUY ? unfilled : unfilled.negate();
      committed.put(event.symbol(), committedPosition(event.symbol()).minus(signed));
    }
  }

  /**
   * Its fills make the filled position, as live; each order still working is committed as when it was sent; the
   * target is where the committed position stands, so the next target change emits the gap from there.
   */
  @Override
  public final void rebuild(List<Fill> ownFills, List<OrderEvent> ownWorkingOrders) {
    ownFills.forEach(this::onFill);
    committed.putAll(filled);
    for (OrderEvent order : ownWorkingOrders) {
      Fixed remaining = order.remainingQuantity();
      commit(order.symbol(), order.side() == Side.BUY ? remaining : remaining.negate());
    }
    targets.putAll(committed);
  }

  /** An order of {@code signedQuantity} is on its way: the committed position moves by it. */
  private void commit(String symbol, Fixed signedQuantity) {
    committed.put(symbol, committedPosition(symbol).plus(signedQuantity));
  }

  /** The position this strategy has if every order in flight fills. */
  public final Fixed committedPosition(String symbol) {
    return committed.getOrDefault(symbol, Fixed.ZERO);
  }

  /** The position this strategy's own fills add up to. */
  public final Fixed filledPosition(String symbol) {
    return filled.getOrDefault(symbol, Fixed.ZERO);
  }

  public final Fixed targetPosition(String symbol) {
    return targets.getOrDefault(symbol, Fixed.ZERO);
  }
}
