package io.tradingrt.codecs;

/** Message header names; they travel from the tick to the fill so a fill can be traced to its cause. */
public final class Headers {
  /** Correlation id: {@code symbol:seq} of the tick that caused a signal, copied onto its order, events and fills. */
  public static final String CORRELATION_ID = "correlation-id";
  /** Planned send time (epoch µs) of the causing tick: tick-to-trade latency is measured from it, not from arrival. */
  public static final String TICK_MICROS = "tick-micros";
  /**
   * When the causing tick entered the runtime (epoch µs): set by the ingest role on each {@code md.ticks} batch and
   * copied onto the orders its ticks cause. In-runtime tick-to-trade is measured from it.
   */
  public static final String INGEST_MICROS = "ingest-micros";
  /** When the order reached the broker (epoch µs), set by the execution role on the order's events and fills. */
  public static final String BROKER_MICROS = "broker-micros";
  /** Who sent an operator command ({@code http 127.0.0.1:53210}), set by the edge that received it; journaled. */
  public static final String ACTOR = "actor";

  private Headers() {
  }
}
