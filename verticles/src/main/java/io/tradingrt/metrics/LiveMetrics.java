package io.tradingrt.metrics;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.MetricsSnapshot;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.PortfolioSnapshot;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.Signal;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.codecs.TradingState;
import io.tradingrt.time.MicrosClock;
import org.HdrHistogram.Histogram;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live figures of the runtime: counters since start, per-second rates, the latest account and trading state,
 * and tick-to-trade latency measured from the tick's planned send time. Single-threaded: one verticle owns it.
 */
public final class LiveMetrics {
  /** Latencies above an hour are clamped: they are outages, not measurements. */
  private static final long MAX_LATENCY_MICROS = 3_600_000_000L;
  /** Percentiles cover the current and the previous window, so a quiet minute does not freeze the chart. */
  private static final long LATENCY_WINDOW_MICROS = 10_000_000;

  private final MicrosClock clock;
  private final RateMeter ticks = new RateMeter();
  private final Map<String, RateMeter> ticksBySymbol = new HashMap<>();
  private final Map<OrderStatus, Long> ordersByStatus = new EnumMap<>(OrderStatus.class);
  private final Map<String, Long> denialsByReason = new TreeMap<>();
  private final Histogram latencySinceStart = histogram();
  private Histogram latencyWindow = histogram();
  private Histogram latencyPreviousWindow = histogram();
  private long latencyWindowStart;
  private long signalsTotal;
  private long ordersTotal;
  private long fillsTotal;
  private PortfolioSnapshot portfolio;
  private TradingState tradingState = TradingState.ACTIVE;
  private long writerQueueDepth;
  private long writerDropped;
  private JvmSample jvm = JvmSample.NONE;

  public LiveMetrics(MicrosClock clock) {
    this.clock = clock;
    this.latencyWindowStart = clock.nowMicros();
  }

  public void onTicks(TickBatch batch) {
    long now = clock.nowMicros();
    ticks.add(batch.ticks().size(), now);
    for (Tick tick : batch.ticks()) {
      ticksBySymbol.computeIfAbsent(tick.symbol(), s -> new RateMeter()).add(1, now);
    }
  }

  public void onSignal(Signal signal) {
    signalsTotal++;
  }

  public void onOrderEvent(OrderEvent event) {
    ordersByStatus.merge(event.status(), 1L, Long::sum);
    // every order enters the lifecycle exactly once, as SUBMITTED (approved) or DENIED (refused by risk)
    if (event.status() == OrderStatus.SUBMITTED || event.status() == OrderStatus.DENIED) {
      ordersTotal++;
    }
    if (event.status() == OrderStatus.DENIED) {
      denialsByReason.merge(event.reasonCode() == null ? "UNKNOWN" : event.reasonCode(), 1L, Long::sum);
    }
  }

  /**
   * Counts a fill; {@code tickMicros} is the planned send time of the causing tick (0 when unknown).
   *
   * @return the tick-to-trade latency in µs, or -1 when it cannot be measured
   */
  public long onFill(Fill fill, long tickMicros) {
    fillsTotal++;
    if (tickMicros <= 0) {
      return -1;
    }
    long now = clock.nowMicros();
    long latency = Math.min(Math.max(0, now - tickMicros), MAX_LATENCY_MICROS);
    rollLatencyWindow(now);
    latencyWindow.recordValue(latency);
    latencySinceStart.recordValue(latency);
    return latency;
  }

  public void onPortfolio(PortfolioSnapshot snapshot) {
    portfolio = snapshot;
  }

  public void onRiskState(RiskStateChange change) {
    tradingState = change.to();
  }

  /** From the storage writer's health reply: rows waiting and rows dropped since start. */
  public void setWriterHealth(long queueDepth, long dropped) {
    writerQueueDepth = queueDepth;
    writerDropped = dropped;
  }

  public void setJvm(JvmSample sample) {
    jvm = sample;
  }

  public MetricsSnapshot snapshot() {
    long now = clock.nowMicros();
    rollLatencyWindow(now);
    Histogram recent = latencyWindow.copy();
    recent.add(latencyPreviousWindow);
    Fixed zero = Fixed.ZERO;
    return new MetricsSnapshot(now, ticks.total(), ticks.perSecond(now), signalsTotal, ordersTotal,
        ordersByStatus.getOrDefault(OrderStatus.DENIED, 0L), fillsTotal,
        portfolio == null ? zero : portfolio.equity(), portfolio == null ? zero : portfolio.realizedPnl(),
        portfolio == null ? zero : portfolio.unrealizedPnl(), portfolio == null ? zero : portfolio.drawdown(),
        tradingState, recent.getValueAtPercentile(50), recent.getValueAtPercentile(99), writerQueueDepth,
        writerDropped, jvm.heapUsedBytes(), jvm.heapMaxBytes(), jvm.cpuPermille());
  }

  public long ticksTotal() {
    return ticks.total();
  }

  /** Ticks since start per symbol, sorted by symbol. */
  public Map<String, Long> ticksBySymbol() {
    Map<String, Long> out = new TreeMap<>();
    ticksBySymbol.forEach((symbol, meter) -> out.put(symbol, meter.total()));
    return out;
  }

  public Map<String, Long> tickRateBySymbol() {
    long now = clock.nowMicros();
    Map<String, Long> out = new TreeMap<>();
    ticksBySymbol.forEach((symbol, meter) -> out.put(symbol, meter.perSecond(now)));
    return out;
  }

  public long signalsTotal() {
    return signalsTotal;
  }

  public long ordersTotal() {
    return ordersTotal;
  }

  public long orders(OrderStatus status) {
    return ordersByStatus.getOrDefault(status, 0L);
  }

  public Map<String, Long> denialsByReason() {
    return Collections.unmodifiableMap(denialsByReason);
  }

  public long fillsTotal() {
    return fillsTotal;
  }

  public long writerQueueDepth() {
    return writerQueueDepth;
  }

  public long writerDropped() {
    return writerDropped;
  }

  public TradingState tradingState() {
    return tradingState;
  }

  /** Latency percentile since start in µs (0 when nothing was measured). */
  public long latencySinceStart(double percentile) {
    return latencySinceStart.getValueAtPercentile(percentile);
  }

  public long latencyCount() {
    return latencySinceStart.getTotalCount();
  }

  private void rollLatencyWindow(long now) {
    if (now - latencyWindowStart < LATENCY_WINDOW_MICROS) {
      return;
    }
    Histogram reuse = latencyPreviousWindow;
    latencyPreviousWindow = latencyWindow;
    reuse.reset();
    if (now - latencyWindowStart >= 2 * LATENCY_WINDOW_MICROS) {
      // nothing was measured in the last full window either: forget it
      latencyPreviousWindow.reset();
    }
    latencyWindow = reuse;
    latencyWindowStart = now;
  }

  private static Histogram histogram() {
    return new Histogram(MAX_LATENCY_MICROS, 3);
  }
}
