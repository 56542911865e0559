package io.tradingrt.execution;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.ReasonCode;

/**
 * One order's status and fills, guarded by {@link OrderStateMachine}: every accepted change is in the table, and the
 * filled quantity never exceeds the order quantity (an overfill throws and changes nothing).
 */
public final class OrderTracker {

  private final OrderRequest request;
  private OrderStatus status = OrderStatus.INITIALIZED;
  private Fixed filledQuantity = Fixed.ZERO;
  private Fixed filledNotional = Fixed.ZERO;
  private int fillCount;

  public OrderTracker(OrderRequest request) {
    this.request = request;
  }

  /** A status change that is not a fill; PARTIALLY_FILLED and FILLED must agree with the quantity filled so far. */
  public void transition(OrderStatus to) {
    OrderStateMachine.requireLegal(request.clientOrderId(), status, to);
    if (to == OrderStatus.FILLED && !remaining().isZero()) {
      throw new IllegalOrderTransitionException(request.clientOrderId(), status, to,
          "only " + filledQuantity + " of " + request.quantity() + " is filled");
    }
    if (to == OrderStatus.PARTIALLY_FILLED && (filledQuantity.isZero() || remaining().isZero())) {
      throw new IllegalOrderTransitionException(request.clientOrderId(), status, to,
          filledQuantity + " of " + request.quantity() + " filled is not a partial fill");
    }
    status = to;
  }

  /** Books a fill and moves to PARTIALLY_FILLED or FILLED; returns the new status. */
  public OrderStatus fill(Fixed quantity, Fixed price) {
    if (!quantity.isPositive()) {
      throw new IllegalArgumentException("fill quantity " + quantity + " of order " + request.clientOrderId()
          + " is not positive");
    }
    Fixed total = filledQuantity.plus(quantity);
    if (total.greaterThan(request.quantity())) {
      throw new OverfillException(request.clientOrderId(), request.quantity(), filledQuantity, quantity);
    }
    OrderStatus to = total.equals(request.quantity()) ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
    OrderStateMachine.requireLegal(request.clientOrderId(), status, to);
    filledQuantity = total;
    filledNotional = filledNotional.plus(quantity.times(price));
    fillCount++;
    status = to;
    return to;
  }

  /** Deterministic: the client order id and the ordinal of the fill. */
  public String lastFillId() {
    return request.clientOrderId() + "-F" + fillCount;
  }

  public OrderEvent event(ReasonCode reasonCode, String message, long tsMicros) {
    return new OrderEvent(request.clientOrderId(), request.strategy(), request.symbol(), request.side(),
        request.type(), request.timeInForce(), status, request.quantity(), request.limitPrice(), filledQuantity,
        averageFillPrice(), reasonCode, message, tsMicros);
  }

  public OrderRequest request() {
    return request;
  }

  public OrderStatus status() {
    return status;
  }

  public Fixed filledQuantity() {
    return filledQuantity;
  }

  public Fixed remaining() {
    return request.quantity().minus(filledQuantity);
  }

  public Fixed averageFillPrice() {
    return filledQuantity.isZero() ? Fixed.ZERO : filledNotional.dividedBy(filledQuantity);
  }
}
