package io.tradingrt.execution;

import io.tradingrt.codecs.OrderStatus;

/** A state change the order lifecycle does not allow: a bug here or at the venue, never a business outcome. */
public final class IllegalOrderTransitionException extends RuntimeException {

  private final OrderStatus from;
  private final OrderStatus to;

  public IllegalOrderTransitionException(String clientOrderId, OrderStatus from, OrderStatus to, String why) {
    super("order " + clientOrderId + " cannot go from " + from + " to " + to + ": " + why);
    this.from = from;
    this.to = to;
  }

  public OrderStatus from() {
    return from;
  }

  public OrderStatus to() {
    return to;
  }
}
