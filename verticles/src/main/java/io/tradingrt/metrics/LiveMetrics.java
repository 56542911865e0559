package io.tradingrt.metrics;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.MetricsSnapshot;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.PortfolioSnapshot;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.Signal;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.codecs.TradingState;
import io.tradingrt.figures.JvmSample;
import io.tradingrt.figures.OrderCounts;
import io.tradingrt.figures.TickToTrade;
import io.tradingrt.time.MicrosClock;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live figures of the runtime: counters since start ({@link OrderCounts}), per-second rates, the latest account
 * and trading state, and the two {@link TickToTrade} recorders (feed-to-fill, in-runtime). Single-threaded: one
 * verticle owns it.
 */
public final class LiveMetrics {
  private final MicrosClock clock;
  private final RateMeter ticks = new RateMeter();
  private final Map<String, RateMeter> ticksBySymbol = new HashMap<>();
  private final OrderCounts orders = new OrderCounts();
  private final TickToTrade tickToTrade;
  private final TickToTrade inRuntime;
  private long signalsTotal;
  private long fillsTotal;
  private PortfolioSnapshot portfolio;
  private TradingState tradingState = TradingState.ACTIVE;
  private long lastRiskChangeMicros = Long.MIN_VALUE;
  private long writerQueueDepth;
  private long writerDropped;
  private JvmSample jvm = JvmSample.NONE;

  public LiveMetrics(MicrosClock clock) {
    this.clock = clock;
    this.tickToTrade = new TickToTrade(clock.nowMicros());
    this.inRuntime = new TickToTrade(clock.nowMicros());
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
    orders.add(event);
  }

  /**
   * An order reached the broker at {@code brokerMicros}; its tick entered the runtime at {@code ingestMicros} (0 when
   * the order was not caused by a tick: an operator's, or one resumed after a restart).
   *
   * @return the in-runtime tick-to-trade latency in µs, or -1 when it cannot be measured
   */
  public long onOrderAtBroker(long ingestMicros, long brokerMicros) {
    if (ingestMicros <= 0 || brokerMicros <= 0) {
      return -1;
    }
    return inRuntime.record(brokerMicros, ingestMicros);
  }

  /**
   * Counts a fill; {@code tickMicros} is the planned send time of the causing tick (0 when unknown).
   *
   * @return the tick-to-trade latency in µs, or -1 when it cannot be measured
   */
  public long onFill(Fill fill, long tickMicros) {
    fillsTotal++;
    return tickToTrade.record(clock.nowMicros(), tickMicros);
  }

  public void onPortfolio(PortfolioSnapshot snapshot) {
    portfolio = snapshot;
  }

  /** A change older than the one known (a state seeded at start arriving late) is ignored. */
  public void onRiskState(RiskStateChange change) {
    if (change.tsMicros() < lastRiskChangeMicros) {
      return;
    }
    lastRiskChangeMicros = change.tsMicros();
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
    TickToTrade.Summary latency = tickToTrade.live(now);
    TickToTrade.Summary inRuntimeLatency = inRuntime.live(now);
    Fixed zero = Fixed.ZERO;
    return new MetricsSnapshot(now, ticks.total(), ticks.perSecond(now), signalsTotal, orders.orders(), orders.denied(),
        fillsTotal,
        portfolio == null ? zero : portfolio.equity(), portfolio == null ? zero : portfolio.realizedPnl(),
        portfolio == null ? zero : portfolio.unrealizedPnl(), portfolio == null ? zero : portfolio.drawdown(),
        tradingState, latency.p50Micros(), latency.p99Micros(), writerQueueDepth,
        writerDropped, jvm.heapUsedBytes(), jvm.heapMaxBytes(), jvm.cpuPermille(), inRuntimeLatency.p50Micros(),
        inRuntimeLatency.p99Micros());
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
    return orders.orders();
  }

  public long orders(OrderStatus status) {
    return orders.orders(status);
  }

  public Map<ReasonCode, Long> denialsByReason() {
    return orders.denialsByReason();
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

  /** The feed-to-fill recorder; {@code /api/metrics/execution} reads its windows through the metrics role. */
  public TickToTrade tickToTrade() {
    return tickToTrade;
  }

  /** The in-runtime tick-to-trade recorder: tick entering the runtime to its order reaching the broker. */
  public TickToTrade inRuntime() {
    return inRuntime;
  }
}
