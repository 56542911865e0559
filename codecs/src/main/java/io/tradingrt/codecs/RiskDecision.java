package io.tradingrt.codecs;

import java.util.Objects;

/** The risk engine's answer to one order request; {@code reason} is null when approved. */
public record RiskDecision(String clientOrderId, boolean approved, ReasonCode reason, String message,
                           TradingState state, long tsMicros) {
  public RiskDecision {
    Objects.requireNonNull(clientOrderId, "clientOrderId");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(state, "state");
    if (approved == (reason != null)) {
      throw new IllegalArgumentException("an approval has no reason, a denial must have one");
    }
  }

  public static RiskDecision approve(String clientOrderId, TradingState state, long tsMicros) {
    return new RiskDecision(clientOrderId, true, null, "approved", state, tsMicros);
  }

  public static RiskDecision deny(String clientOrderId, ReasonCode reason, String detail, TradingState state,
                                  long tsMicros) {
    return new RiskDecision(clientOrderId, false, reason, reason.sentence() + ": " + detail, state, tsMicros);
  }
}
