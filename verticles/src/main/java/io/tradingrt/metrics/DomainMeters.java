package io.tradingrt.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.ReasonCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The domain figures as Micrometer meters for {@code /metrics}. Counters are advanced by the delta since the last
 * {@link #sync}, so the hot path never touches the registry and the scrape thread never reads the core's maps.
 */
final class DomainMeters {
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private final Map<String, Synced> ticksBySymbol = new HashMap<>();
  private final Map<OrderStatus, Synced> ordersByStatus = new HashMap<>();
  private final Map<ReasonCode, Synced> denialsByReason = new HashMap<>();
  private final Synced signals;
  private final Synced fills;
  private final Synced feedDropped;
  private final AtomicLong writerQueueDepth = new AtomicLong();
  private final AtomicLong writerDropped = new AtomicLong();
  private final Timer tickToTrade;
  private final Timer inRuntime;

  /** A counter and the total it has been advanced to. */
  private static final class Synced {
    final Counter counter;
    long synced;

    Synced(Counter counter) {
      this.counter = counter;
    }

    void advanceTo(long total) {
      if (total > synced) {
        counter.increment(total - synced);
        synced = total;
      }
    }
  }

  DomainMeters(MeterRegistry registry) {
    this.registry = registry;
    signals = counter("tradingrt.signals", "strategy signals published");
    fills = counter("tradingrt.fills", "fills received");
    feedDropped = counter("tradingrt.ingest.dropped", "ticks the feed dropped because consumers were behind");
    for (OrderStatus status : OrderStatus.values()) {
      ordersByStatus.put(status, counter("tradingrt.orders", "order events by status", "status", status.name()));
    }
    for (ReasonCode reason : ReasonCode.denials()) {
      denialsByReason.put(reason, denial(reason));
    }
    meters.add(Gauge.builder("tradingrt.writer.queue.depth", writerQueueDepth, AtomicLong::get)
        .description("rows waiting in the storage writer queue").register(registry));
    // a count that only grows is a counter (tradingrt_writer_dropped_total), read from the writer's own total
    meters.add(FunctionCounter.builder("tradingrt.writer.dropped", writerDropped, AtomicLong::get)
        .description("rows the storage writer dropped since start").register(registry));
    tickToTrade = Timer.builder("tradingrt.tick.to.trade")
        .description("fill arrival minus the planned send time of the causing tick, as TickToTrade records it")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(10_000))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
    meters.add(tickToTrade);
    inRuntime = Timer.builder("tradingrt.tick.to.trade.in.runtime")
        .description("an order reaching the broker minus the moment its tick entered the runtime, as the in-runtime "
            + "TickToTrade recorder measures it")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(1_000))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
    meters.add(inRuntime);
  }

  /** Mirrors each latency the in-runtime recorder measured. */
  void recordInRuntime(long micros) {
    inRuntime.record(micros, TimeUnit.MICROSECONDS);
  }

  /** Mirrors each latency the one {@code TickToTrade} recorder measured, for Prometheus' histogram buckets. */
  void recordTickToTrade(long micros) {
    tickToTrade.record(micros, TimeUnit.MICROSECONDS);
  }

  void sync(LiveMetrics live, long feedDroppedTicks) {
    feedDropped.advanceTo(feedDroppedTicks);
    live.ticksBySymbol().forEach((symbol, total) -> ticksBySymbol
        .computeIfAbsent(symbol, s -> counter("tradingrt.ticks.in", "ticks received by symbol", "symbol", s))
        .advanceTo(total));
    signals.advanceTo(live.signalsTotal());
    fills.advanceTo(live.fillsTotal());
    ordersByStatus.forEach((status, synced) -> synced.advanceTo(live.orders(status)));
    live.denialsByReason().forEach((reason, total) -> denialsByReason.computeIfAbsent(reason, this::denial)
        .advanceTo(total));
    writerQueueDepth.set(live.writerQueueDepth());
    writerDropped.set(live.writerDropped());
  }

  /** Removes every meter, so a redeployed verticle starts from registered-but-fresh meters. */
  void close() {
    meters.forEach(registry::remove);
    meters.clear();
  }

  private Synced denial(ReasonCode reason) {
    return counter("tradingrt.orders.denied", "orders denied by risk, by reason code", "reason", reason.code());
  }

  private Synced counter(String name, String description, String... tags) {
    Counter counter = Counter.builder(name).description(description).tags(tags).register(registry);
    meters.add(counter);
    return new Synced(counter);
  }
}
