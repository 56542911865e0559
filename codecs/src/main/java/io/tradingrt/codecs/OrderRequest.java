package io.tradingrt.codecs;

import java.util.Objects;

/** A request to trade; {@code limitPrice} is null for market orders. */
public record OrderRequest(String clientOrderId, String strategy, String symbol, Side side, OrderType type,
                           Fixed quantity, Fixed limitPrice, TimeInForce timeInForce, boolean reduceOnly,
                           long tsMicros) {
  public OrderRequest {
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(timeInForce, "timeInForce");
    if (type == OrderType.LIMIT && limitPrice == null) {
      throw new IllegalArgumentException("a LIMIT order needs a limitPrice");
    }
  }
}
