package io.tradingrt.codecs;

/** Stable reason codes for every order the risk engine denies; the names are part of the public contract. */
public enum DenialReason {
  UNKNOWN_INSTRUMENT("the symbol is not a configured instrument"),
  INVALID_ORDER("the order is malformed"),
  DUPLICATE_ORDER_ID("an order with this client order id was already seen"),
  PRICE_PRECISION("the limit price is not a multiple of the instrument's tick size"),
  QUANTITY_PRECISION("the quantity is not a multiple of the instrument's lot size"),
  QUANTITY_BELOW_MIN("the quantity is below the instrument's minimum"),
  QUANTITY_ABOVE_MAX("the quantity is above the instrument's maximum"),
  PRICE_OUT_OF_BOUNDS("the limit price is outside the instrument's price band"),
  NO_MARKET_PRICE("there is no quote yet to value the order"),
  MAX_NOTIONAL_EXCEEDED("the order's notional exceeds the per-order limit"),
  INSUFFICIENT_BALANCE("free cash, counting open orders, does not cover the order"),
  MAX_POSITION_EXCEEDED("the position, counting open orders, would exceed the per-symbol limit"),
  MAX_GROSS_EXPOSURE_EXCEEDED("gross exposure, counting open orders, would exceed the limit"),
  REDUCE_ONLY_VIOLATED("a reduce-only order would increase or flip the position"),
  THROTTLED_STRATEGY("the strategy exceeded its order submit rate"),
  THROTTLED_GLOBAL("the runtime exceeded its global order submit rate"),
  TRADING_HALTED("trading is halted"),
  TRADING_REDUCING("trading is reducing: only orders that shrink a position are accepted"),
  STORAGE_UNAVAILABLE("storage cannot commit, so no order is accepted until it can journal the order's events");

  private final String sentence;

  DenialReason(String sentence) {
    this.sentence = sentence;
  }

  public String sentence() {
    return sentence;
  }
}
