package io.tradingrt.codecs;

import java.util.Objects;

/** Published whenever the trading state changes, by a control command or by a breached loss limit. */
public record RiskStateChange(TradingState from, TradingState to, String cause, String message, long tsMicros) {
  public RiskStateChange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(message, "message");
  }
}
