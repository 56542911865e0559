package io.tradingrt.codecs;

import java.util.Objects;

/**
 * One state change of an order; {@code reasonCode} (null on plain progress such as ACCEPTED or FILLED) and
 * {@code message} explain denials, rejections, cancels and expiries. It carries the order's time in force, so the
 * journal holds what a restart needs to keep a working order working.
 */
public record OrderEvent(String clientOrderId, String strategy, String symbol, Side side, OrderType type,
                         TimeInForce timeInForce, OrderStatus status, Fixed quantity, Fixed limitPrice,
                         Fixed filledQuantity, Fixed avgFillPrice, ReasonCode reasonCode, String message,
                         long tsMicros) {
  public OrderEvent {
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timeInForce, "timeInForce");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(filledQuantity, "filledQuantity");
    Objects.requireNonNull(avgFillPrice, "avgFillPrice");
  }

  /** The order this event is about, as it was submitted (reduce-only is checked at approval and not journaled). */
  public OrderRequest request() {
    return new OrderRequest(clientOrderId, strategy, symbol, side, type, quantity, limitPrice, timeInForce, false,
        tsMicros);
  }

  /** The quantity that can still fill. */
  public Fixed remainingQuantity() {
    return quantity.minus(filledQuantity);
  }
}
