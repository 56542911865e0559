package io.tradingrt.risk;

import io.tradingrt.codecs.Fixed;

/**
 * How much of one configured limit is in use: {@code name} is the limit's key in runtime.json's {@code risk} section;
 * {@code symbol} (position limits) and {@code strategy} (the per-strategy throttle) say what it is counted for, both
 * null for account-wide limits. Order rates are counts in the throttle interval.
 */
public record LimitUsage(String name, String symbol, String strategy, Fixed used, Fixed limit) {

  /** used / limit; above 1 when prices pushed a limit past its value (exposure) or a loss went beyond it. */
  public double ratio() {
    return limit.isPositive() ? used.toDouble() / limit.toDouble() : 0;
  }
}
