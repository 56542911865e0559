package io.tradingrt.signal;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.Signal;
import io.tradingrt.codecs.Tick;
import java.util.List;
import java.util.Set;

/** A trading strategy: quotes in, signals out. Implementations are deterministic and single-threaded. */
public interface Strategy {

  String name();

  Set<String> symbols();

  /** Signals caused by this tick, usually none; ticks of other symbols are ignored. */
  List<Signal> onTick(Tick tick);

  /** A fill of one of this strategy's own orders. */
  default void onFill(Fill fill) {
  }

  /** A state change of one of this strategy's own orders: terminal events return the unfilled part. */
  default void onOrderEvent(OrderEvent event) {
  }

  /**
   * After a restart, before any tick: this strategy's journaled fills go through {@link #onFill} as live, and its
   * orders still working count as sent. A strategy without a position model ignores it.
   */
  default void rebuild(List<Fill> ownFills, List<OrderEvent> ownWorkingOrders) {
    ownFills.forEach(this::onFill);
  }
}
