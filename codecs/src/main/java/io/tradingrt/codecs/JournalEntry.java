package io.tradingrt.codecs;

import java.util.Objects;

/**
 * One journaled fact besides order events and fills (see {@link JournalKind}). Fields that do not apply to a kind
 * are null. {@code entryId} is unique and chosen by the producer, so a redelivered entry is stored once.
 */
public record JournalEntry(String entryId, JournalKind kind, ControlCommand command, String actor,
                           TradingState from, TradingState to, ReasonCode reasonCode, String message, Fixed amount,
                           long tsMicros) {
  public JournalEntry {
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  public static JournalEntry control(String entryId, RiskControl control, String actor, TradingState to) {
    return new JournalEntry(entryId, JournalKind.CONTROL, control.command(), actor, null, to,
        ReasonCode.of(control.command()), control.reason(), null, control.tsMicros());
  }

  public static JournalEntry stateChange(String entryId, RiskStateChange change) {
    return new JournalEntry(entryId, JournalKind.STATE_CHANGE, null, null, change.from(), change.to(), change.cause(),
        change.message(), null, change.tsMicros());
  }

  public static JournalEntry dayRoll(String entryId, Fixed baselineEquity, long tsMicros) {
    return new JournalEntry(entryId, JournalKind.DAY_ROLL, null, null, null, null, null,
        "daily loss measured from equity " + baselineEquity, baselineEquity, tsMicros);
  }

  /** The state change this entry records; only for {@link JournalKind#STATE_CHANGE}. */
  public RiskStateChange toStateChange() {
    if (kind != JournalKind.STATE_CHANGE) {
      throw new IllegalStateException(entryId + " is a " + kind + ", not a state change");
    }
    return new RiskStateChange(from, to, reasonCode, message, tsMicros);
  }
}
