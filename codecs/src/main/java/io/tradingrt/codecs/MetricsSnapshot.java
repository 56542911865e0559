package io.tradingrt.codecs;

import java.util.Objects;

/**
 * The compact live snapshot streamed on {@code metrics.live}: counters are totals since start, rates per second,
 * latencies in microseconds.
 */
public record MetricsSnapshot(long tsMicros, long ticksTotal, long ticksPerSecond, long signalsTotal,
                              long ordersTotal, long ordersDenied, long fillsTotal, Fixed equity, Fixed realizedPnl,
                              Fixed unrealizedPnl, Fixed drawdown, TradingState tradingState,
                              long tickToTradeP50Micros, long tickToTradeP99Micros, long writerQueueDepth,
                              long writerDropped, long heapUsedBytes, long heapMaxBytes, int cpuPermille) {
  public MetricsSnapshot {
    Objects.requireNonNull(equity, "equity");
    Objects.requireNonNull(realizedPnl, "realizedPnl");
    Objects.requireNonNull(unrealizedPnl, "unrealizedPnl");
    Objects.requireNonNull(drawdown, "drawdown");
    Objects.requireNonNull(tradingState, "tradingState");
  }
}
