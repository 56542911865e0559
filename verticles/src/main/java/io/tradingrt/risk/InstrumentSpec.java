package io.tradingrt.risk;

import io.tradingrt.codecs.Fixed;
import java.util.Objects;

/** Trading rules of one instrument; component names match the {@code instruments} section of runtime.json. */
public record InstrumentSpec(Fixed tickSize, Fixed lotSize, Fixed minQuantity, Fixed maxQuantity, Fixed minPrice,
                             Fixed maxPrice) {
  public InstrumentSpec {
    Objects.requireNonNull(tickSize, "tickSize");
    Objects.requireNonNull(lotSize, "lotSize");
    Objects.requireNonNull(minQuantity, "minQuantity");
    Objects.requireNonNull(maxQuantity, "maxQuantity");
    Objects.requireNonNull(minPrice, "minPrice");
    Objects.requireNonNull(maxPrice, "maxPrice");
    if (!tickSize.isPositive() || !lotSize.isPositive()) {
      throw new IllegalArgumentException("tickSize and lotSize must be positive, got " + tickSize + " and " + lotSize);
    }
    if (minQuantity.greaterThan(maxQuantity) || minPrice.greaterThan(maxPrice)) {
      throw new IllegalArgumentException("instrument bounds are inverted: quantity [" + minQuantity + ", "
          + maxQuantity + "], price [" + minPrice + ", " + maxPrice + "]");
    }
  }
}
