package io.tradingrt.codecs;

import java.util.Objects;

/** A signed position (negative = short) marked at {@code lastPrice}. */
public record Position(String symbol, Fixed quantity, Fixed avgPrice, Fixed realizedPnl, Fixed unrealizedPnl,
                       Fixed lastPrice, long tsMicros) {
  public Position {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(avgPrice, "avgPrice");
    Objects.requireNonNull(realizedPnl, "realizedPnl");
    Objects.requireNonNull(unrealizedPnl, "unrealizedPnl");
    Objects.requireNonNull(lastPrice, "lastPrice");
  }
}
