package io.tradingrt.risk;

import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.ReasonCode;

/** Checks that need only the order and its instrument: precision, quantity bounds and the price band. */
final class OrderShapeChecks {

  private OrderShapeChecks() {
  }

  static Denial malformed(OrderRequest order) {
    if (order.clientOrderId().isBlank() || order.strategy().isBlank() || order.symbol().isBlank()) {
      return new Denial(ReasonCode.INVALID_ORDER, "client order id, strategy and symbol must not be blank");
    }
    if (!order.quantity().isPositive()) {
      return new Denial(ReasonCode.INVALID_ORDER, "quantity " + order.quantity() + " is not positive");
    }
    if (order.type() == OrderType.LIMIT && !order.limitPrice().isPositive()) {
      return new Denial(ReasonCode.INVALID_ORDER, "limit price " + order.limitPrice() + " is not positive");
    }
    return null;
  }

  static Denial against(OrderRequest order, InstrumentSpec spec) {
    boolean limit = order.type() == OrderType.LIMIT;
    if (limit && !order.limitPrice().isMultipleOf(spec.tickSize())) {
      return new Denial(ReasonCode.PRICE_PRECISION,
          "limit price " + order.limitPrice() + " is not a multiple of tick size " + spec.tickSize());
    }
    if (!order.quantity().isMultipleOf(spec.lotSize())) {
      return new Denial(ReasonCode.QUANTITY_PRECISION,
          "quantity " + order.quantity() + " is not a multiple of lot size " + spec.lotSize());
    }
    if (order.quantity().lessThan(spec.minQuantity())) {
      return new Denial(ReasonCode.QUANTITY_BELOW_MIN,
          "quantity " + order.quantity() + " is below the minimum " + spec.minQuantity());
    }
    if (order.quantity().greaterThan(spec.maxQuantity())) {
      return new Denial(ReasonCode.QUANTITY_ABOVE_MAX,
          "quantity " + order.quantity() + " is above the maximum " + spec.maxQuantity());
    }
    if (limit && (order.limitPrice().lessThan(spec.minPrice()) || order.limitPrice().greaterThan(spec.maxPrice()))) {
      return new Denial(ReasonCode.PRICE_OUT_OF_BOUNDS, "limit price " + order.limitPrice()
          + " is outside [" + spec.minPrice() + ", " + spec.maxPrice() + "]");
    }
    return null;
  }
}
