package io.tradingrt.config;

import io.tradingrt.codecs.Fixed;

/** One entry of the {@code instruments} section, keyed by symbol or {@code default}. */
public record InstrumentSettings(Fixed tickSize, Fixed lotSize, Fixed minQuantity, Fixed maxQuantity, Fixed minPrice,
                                 Fixed maxPrice) {

  /** The key whose entry applies to fed symbols without their own. */
  public static final String DEFAULT_KEY = "default";

  static InstrumentSettings read(ConfigNode n) {
    return new InstrumentSettings(n.decimal("tickSize"), n.decimal("lotSize"), n.decimal("minQuantity"),
        n.decimal("maxQuantity"), n.decimal("minPrice"), n.decimal("maxPrice"));
  }
}
