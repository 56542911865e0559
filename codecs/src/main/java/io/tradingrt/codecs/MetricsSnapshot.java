package io.tradingrt.codecs;

import java.util.Objects;

/**
 * The compact live snapshot streamed on {@code metrics.live}: counters are totals since start, rates per second,
 * latencies in microseconds. Two tick-to-trade figures: {@code tickToTrade*} is feed-to-fill (a fill's arrival minus
 * the causing tick's planned or venue time), {@code inRuntime*} is in-runtime tick-to-trade (the order reaching the
 * broker minus the moment its tick entered the runtime).
 */
public record MetricsSnapshot(long tsMicros, long ticksTotal, long ticksPerSecond, long signalsTotal,
                              long ordersTotal, long ordersDenied, long fillsTotal, Fixed equity, Fixed realizedPnl,
                              Fixed unrealizedPnl, Fixed drawdown, TradingState tradingState,
                              long tickToTradeP50Micros, long tickToTradeP99Micros, long writerQueueDepth,
                              long writerDropped, long heapUsedBytes, long heapMaxBytes, int cpuPermille,
                              long inRuntimeP50Micros, long inRuntimeP99Micros) {
  public MetricsSnapshot {
    Objects.requireNonNull(equity, "equity");
    Objects.requireNonNull(realizedPnl, "realizedPnl");
    Objects.requireNonNull(unrealizedPnl, "unrealizedPnl");
    Objects.requireNonNull(drawdown, "drawdown");
    Objects.requireNonNull(tradingState, "tradingState");
  }
}
