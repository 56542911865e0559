package io.tradingrt.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Headers;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.PortfolioSnapshot;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.Signal;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.config.MetricsSettings;
import io.tradingrt.figures.JvmSample;
import io.tradingrt.figures.TickToTrade;
import io.tradingrt.flow.RiskStateSeed;
import io.tradingrt.flow.TickFlow;
import io.tradingrt.flow.TickHeaders;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.List;

/**
 * The live publisher: counts what crosses the bus into {@link LiveMetrics}, publishes a snapshot on
 * {@link Addresses#METRICS_LIVE} every {@code liveIntervalMs}, samples quotes for browsers onto {@link Addresses#MD_QUOTES},
 * and mirrors the domain figures into the Micrometer registry when metrics are enabled.
 */
public final class MetricsVerticle extends VerticleBase {
  /** Latest {@code Tick} per symbol, at most {@code quotesPerSecond} per symbol: raw md.ticks is too fast for a browser. */

  private final LiveMetrics live = new LiveMetrics(MicrosClock.SYSTEM);
  private final QuoteSampler quotes = new QuoteSampler();
  private final MetricsSettings settings;
  private DomainMeters meters;
  private BookMeters book;
  private EventBus bus;

  public MetricsVerticle(MetricsSettings settings) {
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    long liveIntervalMs = settings.liveIntervalMs();
    long quotesPerSecond = Math.max(1, settings.quotesPerSecond());
    long healthIntervalMs = settings.writerHealthIntervalMs();
    bus = vertx.eventBus();
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    meters = registry == null ? null : new DomainMeters(registry);
    book = registry == null ? null : new BookMeters(registry);
    live.setJvm(JvmSample.read());
    vertx.setPeriodic(liveIntervalMs, id -> publishSnapshot());
    vertx.setPeriodic(Math.max(1, 1000 / quotesPerSecond), id -> publishQuotes());
    vertx.setPeriodic(healthIntervalMs, id -> {
      live.setJvm(JvmSample.read());
      pollWriterHealth(healthIntervalMs);
    });
    RiskStateSeed.seed(vertx, this::onRiskState);
    return Future.all(List.of(
        TickFlow.consumer(vertx, "metrics", m -> {
          live.onTicks(m.body());
          quotes.offer(m.body());
        }).completion(),
        bus.<Signal>consumer(Addresses.SIGNALS, m -> live.onSignal(m.body())).completion(),
        bus.<OrderEvent>consumer(Addresses.EXEC_EVENTS, m -> {
          live.onOrderEvent(m.body());
          if (m.body().status() == OrderStatus.SUBMITTED) {
            long latency = live.onOrderAtBroker(TickHeaders.micros(m, Headers.INGEST_MICROS),
                TickHeaders.micros(m, Headers.BROKER_MICROS));
            if (latency >= 0 && meters != null) {
              meters.recordInRuntime(latency);
            }
          }
          if (book != null) {
            book.onOrderEvent(m.body());
          }
        }).completion(),
        bus.<Fill>consumer(Addresses.EXEC_FILLS, this::onFill).completion(),
        bus.<PortfolioSnapshot>consumer(Addresses.PORTFOLIO_UPDATES, m -> {
          live.onPortfolio(m.body());
          if (book != null) {
            book.onPortfolio(m.body());
          }
        }).completion(),
        bus.<RiskStateChange>consumer(Addresses.RISK_STATE, m -> onRiskState(m.body())).completion(),
        bus.consumer(Addresses.METRICS_TICK_TO_TRADE, this::onTickToTradeQuery).completion(),
        bus.consumer(Addresses.METRICS_LATENCY, m -> m.reply(new JsonObject()
            .put("inRuntime", distributionJson(live.inRuntime().distribution()))
            .put("feedToFill", distributionJson(live.tickToTrade().distribution())))).completion()));
  }

  private void onRiskState(RiskStateChange change) {
    live.onRiskState(change);
    if (book != null) {
      book.onRiskState(change);
    }
  }

  private void onFill(Message<Fill> message) {
    long latency = live.onFill(message.body(), TickHeaders.tickMicros(message));
    if (latency >= 0 && meters != null) {
      meters.recordTickToTrade(latency);
    }
  }

  private void publishSnapshot() {
    bus.publish(Addresses.METRICS_LIVE, live.snapshot());
    if (meters != null) {
      meters.sync(live, TickFlow.of(vertx).droppedTicks());
    }
  }

  /** One message per sampling period with every changed quote: a fifth of the frames per dashboard at 5 symbols. */
  private void publishQuotes() {
    List<Tick> changed = quotes.drain();
    if (!changed.isEmpty()) {
      bus.publish(Addresses.MD_QUOTES, new TickBatch(changed));
    }
  }

  /** The writer's queue is read from its health reply; no storage role means nothing to show, not an error. */
  private void pollWriterHealth(long timeoutMs) {
    bus.request(Addresses.STORAGE_HEALTH, new JsonObject(), new DeliveryOptions().setSendTimeout(timeoutMs))
        .onSuccess(reply -> {
          if (reply.body() instanceof JsonObject health) {
            live.setWriterHealth(health.getLong("queuedRows", 0L), health.getLong("droppedRows", 0L));
          }
        });
  }

  /** {@link Addresses#METRICS_TICK_TO_TRADE}: the recorder's summary of the fills since {@code fromMicros}. */
  private void onTickToTradeQuery(Message<Object> message) {
    long from = message.body() instanceof Number n ? n.longValue() : Long.MIN_VALUE;
    message.reply(new JsonObject(live.tickToTrade().since(from).toMap()));
  }

  private static JsonObject distributionJson(TickToTrade.Distribution d) {
    io.vertx.core.json.JsonArray buckets = new io.vertx.core.json.JsonArray();
    d.buckets().forEach(b -> buckets.add(new JsonObject().put("upToMicros", b.upToMicros()).put("count", b.count())));
    return new JsonObject().put("count", d.count()).put("p50", d.p50()).put("p99", d.p99()).put("p999", d.p999())
        .put("max", d.max()).put("buckets", buckets);
  }

  @Override
  public Future<?> stop() {
    if (meters != null) {
      meters.close();
    }
    if (book != null) {
      book.close();
    }
    return Future.succeededFuture();
  }
}
