package io.tradingrt.codecs;

import java.util.Objects;

/** One execution of (part of) an order; {@code fee} is in account currency and never negative. */
public record Fill(String fillId, String clientOrderId, String strategy, String symbol, Side side, Fixed quantity,
                   Fixed price, Fixed fee, long tsMicros) {
  public Fill {
    Objects.requireNonNull(fillId, "fillId");
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(fee, "fee");
  }

  public Fixed notional() {
    return price.times(quantity);
  }
}
