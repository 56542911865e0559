package io.tradingrt.codecs;

import java.util.Objects;

/** A top-of-book quote with the last trade; {@code tsMicros} is epoch microseconds, {@code seq} rises per feed. */
public record Tick(String symbol, long tsMicros, Fixed bid, Fixed ask, Fixed bidSize, Fixed askSize,
                   Fixed last, Fixed lastSize, long seq) {
  public Tick {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(bid, "bid");
    Objects.requireNonNull(ask, "ask");
    Objects.requireNonNull(bidSize, "bidSize");
    Objects.requireNonNull(askSize, "askSize");
    Objects.requireNonNull(last, "last");
    Objects.requireNonNull(lastSize, "lastSize");
  }

  public Fixed mid() {
    return Fixed.ofRaw(midRaw());
  }

  /** The mid as a raw fixed-point long, for hot paths that keep raw values and allocate nothing per tick. */
  public long midRaw() {
    return (bid.raw() + ask.raw()) / 2;
  }
}
