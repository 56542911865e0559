package io.tradingrt.codecs;

/** Message header names; they travel from the tick to the fill so a fill can be traced to its cause. */
public final class Headers {
  /** Correlation id: {@code symbol:seq} of the tick that caused a signal, copied onto its order, events and fills. */
  public static final String CORRELATION_ID = "correlation-id";
  /** Planned send time (epoch µs) of the causing tick: tick-to-trade latency is measured from it, not from arrival. */
  public static final String TICK_MICROS = "tick-micros";
  /** Who sent an operator command ({@code http 127.0.0.1:53210}), set by the edge that received it; journaled. */
  public static final String ACTOR = "actor";

  private Headers() {
  }
}
