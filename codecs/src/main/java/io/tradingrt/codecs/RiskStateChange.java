package io.tradingrt.codecs;

import java.util.Objects;

/**
 * Published whenever the trading state changes: by a control command ({@code cause} HALT, REDUCE, RESUME, KILL), a
 * breached loss limit or a storage fault; {@code message} is the detail.
 */
public record RiskStateChange(TradingState from, TradingState to, ReasonCode cause, String message, long tsMicros) {
  public RiskStateChange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(message, "message");
  }
}
