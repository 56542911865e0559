package io.tradingrt.http;

import io.tradingrt.edge.ErrorCode;
import io.tradingrt.codecs.Addresses;
import io.tradingrt.figures.JvmSample;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/metrics/*}: the live snapshot and summaries from hot state; history from the storage reader. */
final class MetricsApi {
  private static final long MINUTE_MICROS = 60_000_000L;

  private final HotState state;
  private final EventBus bus;
  private final MicrosClock clock;
  private final Health health;

  MetricsApi(HotState state, EventBus bus, MicrosClock clock, Health health) {
    this.state = state;
    this.bus = bus;
    this.clock = clock;
    this.health = health;
  }

  void mount(Router router) {
    router.get("/api/metrics/current").handler(this::current);
    router.get("/api/metrics/history").handler(this::history);
    router.get("/api/metrics/market-data").handler(this::marketData);
    router.get("/api/metrics/strategy").handler(this::strategy);
    router.get("/api/metrics/execution").handler(this::execution);
    router.get("/api/metrics/system").handler(this::system);
  }

  private void current(RoutingContext ctx) {
    if (state.metrics() == null) {
      throw new ApiException(ErrorCode.METRICS_UNAVAILABLE, "no live snapshot yet: is the metrics role running?");
    }
    Api.ok(ctx, Api.json(state.metrics()));
  }

  private void history(RoutingContext ctx) {
    long minutes = Api.longParam(ctx, "minutes", 60, 1, 7 * 24 * 60);
    long now = clock.nowMicros();
    // at most ~1000 points whatever the span: one snapshot per bucket, the newest in each
    JsonObject params = new JsonObject().put("from", now - minutes * MINUTE_MICROS).put("to", now + 1)
        .put("bucketMicros", Math.max(1, minutes * MINUTE_MICROS / 1000)).put("limit", 1000);
    Api.relay(ctx, Api.query(bus, Addresses.QUERY_METRICS, params));
  }

  private void marketData(RoutingContext ctx) {
    String symbol = knownSymbol(ctx, state);
    JsonObject body = new JsonObject(Figures.marketData(symbol, state.recentTicks(symbol), clock.nowMicros()));
    int recent = (int) Api.longParam(ctx, "limit", 20, 0, HotState.TICKS_PER_SYMBOL);
    body.put("recentTicks", Api.json(state.recentTicks(symbol).stream().limit(recent).toList()));
    Api.ok(ctx, body);
  }

  private void strategy(RoutingContext ctx) {
    String name = Api.required(ctx, "name");
    if (!state.knowsStrategy(name)) {
      throw new ApiException(ErrorCode.UNKNOWN_STRATEGY, "no strategy named '" + name + "' is configured or active");
    }
    long from = windowStart(ctx, 60);
    Api.ok(ctx, new JsonObject(Figures.strategy(name,
        state.signalsSince(from).stream().filter(s -> s.strategy().equals(name)).toList(),
        state.orderEventsSince(from).stream().filter(e -> e.strategy().equals(name)).toList(),
        state.fillsSince(from).stream().filter(f -> f.strategy().equals(name)).toList(),
        from)));
  }

  private void execution(RoutingContext ctx) {
    long from = windowStart(ctx, 5);
    bus.<JsonObject>request(Addresses.METRICS_TICK_TO_TRADE, from, new DeliveryOptions().setSendTimeout(2_000))
        .onSuccess(reply -> Api.ok(ctx, new JsonObject(Figures.execution(state.orderEventsSince(from),
            state.fillsSince(from), from, reply.body().getMap()))))
        .onFailure(e -> ctx.fail(ApiErrors.fromBus(e, "metrics", ErrorCode.METRICS_UNAVAILABLE)));
  }

  private void system(RoutingContext ctx) {
    JvmSample jvm = JvmSample.read();
    JsonObject body = new JsonObject()
        .put("jvm", new JsonObject().put("heapUsedBytes", jvm.heapUsedBytes()).put("heapMaxBytes", jvm.heapMaxBytes())
            .put("cpuPermille", jvm.cpuPermille()).put("threads", jvm.threads()).put("uptimeMillis", jvm.uptimeMillis())
            .put("processors", Runtime.getRuntime().availableProcessors()))
        .put("symbols", state.symbols().size())
        .put("tradingState", state.tradingState().name());
    if (state.metrics() != null) {
      body.put("ticksPerSecond", state.metrics().ticksPerSecond())
          .put("writerQueueDepth", state.metrics().writerQueueDepth())
          .put("writerDropped", state.metrics().writerDropped());
    }
    Future<JsonObject> writer = health.writer();
    writer.onComplete(ar -> Api.ok(ctx, body.put("writer", ar.succeeded() ? ar.result()
        : new JsonObject().put("ready", false).put("detail", ar.cause().getMessage()))));
  }

  /** The symbol parameter, which must name a configured or active symbol. */
  static String knownSymbol(RoutingContext ctx, HotState state) {
    String symbol = Api.required(ctx, "symbol");
    if (!state.knowsSymbol(symbol)) {
      throw new ApiException(ErrorCode.UNKNOWN_SYMBOL, "the symbol '" + symbol + "' is not traded on this runtime");
    }
    return symbol;
  }

  private long windowStart(RoutingContext ctx, long defaultMinutes) {
    long minutes = Api.longParam(ctx, "minutes", defaultMinutes, 1, 24 * 60);
    return clock.nowMicros() - minutes * MINUTE_MICROS;
  }
}
