package io.tradingrt.codecs;

import java.util.Objects;

/** A strategy's intent to trade, before it becomes an order request. */
public record Signal(String strategy, String symbol, Side side, Fixed quantity, Fixed referencePrice, long tsMicros,
                     String reason) {
  public Signal {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(referencePrice, "referencePrice");
    Objects.requireNonNull(reason, "reason");
  }
}
