package io.tradingrt.codecs;

import java.util.Objects;

/**
 * One state change of an order; {@code reasonCode} (null on plain progress such as ACCEPTED or FILLED) and
 * {@code message} explain denials, rejections, cancels and expiries.
 */
public record OrderEvent(String clientOrderId, String strategy, String symbol, Side side, OrderType type,
                         OrderStatus status, Fixed quantity, Fixed limitPrice, Fixed filledQuantity,
                         Fixed avgFillPrice, ReasonCode reasonCode, String message, long tsMicros) {
  public OrderEvent {
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(filledQuantity, "filledQuantity");
    Objects.requireNonNull(avgFillPrice, "avgFillPrice");
  }
}
