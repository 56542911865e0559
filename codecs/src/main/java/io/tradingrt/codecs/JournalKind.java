package io.tradingrt.codecs;

/**
 * What a {@link JournalEntry} records. Order events and fills have tables of their own; these are the other facts
 * the trading state depends on.
 */
public enum JournalKind {
  /** A start of the runtime: {@code amount} is the run number, which prefixes every strategy's client order ids. */
  RUN_START,
  /** An operator command (HALT, REDUCE, RESUME, KILL) with who sent it and why. */
  CONTROL,
  /** A trading-state change, whatever caused it. */
  STATE_CHANGE,
  /** A new trading day: {@code amount} is the equity the daily loss is measured from. */
  DAY_ROLL
}
