package io.tradingrt.http;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.PortfolioSnapshot;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.edge.ContractInput;
import io.tradingrt.edge.ErrorCode;
import io.tradingrt.time.MicrosClock;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The read side of trading: recent orders, trades and bars from hot state, with {@code from}/{@code to} sent to the
 * storage readers; positions, P&L and the risk state from the latest snapshots.
 */
final class TradingApi {
  private static final Set<String> TIMEFRAMES = Set.of("1s", "5s", "15s", "30s", "1m", "5m", "15m", "30m", "1h", "4h",
      "1d");

  private final HotState state;
  private final EventBus bus;
  private final MicrosClock clock;

  TradingApi(HotState state, EventBus bus, MicrosClock clock) {
    this.state = state;
    this.bus = bus;
    this.clock = clock;
  }

  void mount(Router router) {
    router.get("/api/orders").handler(this::orders);
    router.get("/api/orders/:id").handler(this::order);
    router.get("/api/trades").handler(this::trades);
    router.get("/api/positions").handler(this::positions);
    router.get("/api/bars").handler(this::bars);
    router.get("/api/pnl").handler(this::pnl);
    router.get("/api/risk").handler(this::risk);
    router.get("/api/recovery").handler(this::recovery);
  }

  private void orders(RoutingContext ctx) {
    if (historic(ctx)) {
      Api.relay(ctx, Api.query(bus, Addresses.QUERY_ORDERS, Api.params(ctx)));
      return;
    }
    String status = Api.optional(ctx, "status", null);
    String symbol = Api.optional(ctx, "symbol", null);
    String strategy = Api.optional(ctx, "strategy", null);
    Predicate<OrderEvent> filter = e -> (status == null || e.status().name().equalsIgnoreCase(status))
        && (symbol == null || e.symbol().equals(symbol)) && (strategy == null || e.strategy().equals(strategy));
    Api.ok(ctx, Api.page(ctx, state.latestOrders().stream().filter(filter).toList()));
  }

  private void order(RoutingContext ctx) {
    String id = orderId(ctx);
    OrderEvent order = state.order(id);
    if (order == null) {
      throw new ApiException(ErrorCode.UNKNOWN_ORDER, "no recent order has the client order id '" + id + "'");
    }
    Api.ok(ctx, Api.json(order));
  }

  private void trades(RoutingContext ctx) {
    if (historic(ctx)) {
      Api.relay(ctx, Api.query(bus, Addresses.QUERY_TRADES, Api.params(ctx)));
      return;
    }
    String symbol = Api.optional(ctx, "symbol", null);
    String strategy = Api.optional(ctx, "strategy", null);
    Api.ok(ctx, Api.page(ctx, state.fillsSince(Long.MIN_VALUE).stream()
        .filter(f -> (symbol == null || f.symbol().equals(symbol)) && (strategy == null || f.strategy().equals(strategy)))
        .toList()));
  }

  private void positions(RoutingContext ctx) {
    PortfolioSnapshot portfolio = state.portfolio();
    if (portfolio == null) {
      Api.relay(ctx, Api.query(bus, Addresses.QUERY_POSITIONS, Api.params(ctx)));
      return;
    }
    JsonObject body = Api.page(ctx, portfolio.positions());
    Api.ok(ctx, body.put("tsMicros", portfolio.tsMicros()));
  }

  private void bars(RoutingContext ctx) {
    String symbol = MetricsApi.knownSymbol(ctx, state);
    String timeframe = Api.optional(ctx, "timeframe", "1m");
    if (!TIMEFRAMES.contains(timeframe)) {
      throw new ApiException(ErrorCode.INVALID_TIMEFRAME, "the timeframe '" + timeframe + "' is not one of "
          + TIMEFRAMES.stream().sorted().toList());
    }
    if (historic(ctx)) {
      Api.relay(ctx, Api.query(bus, Addresses.QUERY_BARS, Api.params(ctx).put("symbol", symbol)
          .put("timeframe", timeframe)));
      return;
    }
    List<Bar> bars = state.recentBars(symbol, timeframe);
    Api.ok(ctx, Api.page(ctx, bars).put("symbol", symbol).put("timeframe", timeframe));
  }

  private void pnl(RoutingContext ctx) {
    PortfolioSnapshot p = state.portfolio();
    if (historic(ctx) || p == null) {
      Api.relay(ctx, Api.query(bus, Addresses.QUERY_PNL, Api.params(ctx)));
      return;
    }
    Api.ok(ctx, new JsonObject().put("tsMicros", p.tsMicros()).put("cash", p.cash().toString())
        .put("equity", p.equity().toString()).put("realizedPnl", p.realizedPnl().toString())
        .put("unrealizedPnl", p.unrealizedPnl().toString()).put("fees", p.fees().toString())
        .put("peakEquity", p.peakEquity().toString()).put("drawdown", p.drawdown().toString())
        .put("grossExposure", p.grossExposure().toString()).put("netExposure", p.netExposure().toString()));
  }

  /** What this start rebuilt from the journal, as the risk role reported it. */
  private void recovery(RoutingContext ctx) {
    bus.<JsonObject>request(Addresses.RISK_RECOVERY, new JsonObject(), new DeliveryOptions().setSendTimeout(5_000))
        .onSuccess(reply -> Api.ok(ctx, reply.body()))
        .onFailure(failure -> ctx.fail(ApiErrors.fromBus(failure, "risk", ErrorCode.RISK_UNAVAILABLE)));
  }

  private void risk(RoutingContext ctx) {
    RiskStateChange last = state.lastRiskChange();
    JsonObject body = new JsonObject().put("state", state.tradingState().name()).put("tsMicros", clock.nowMicros());
    if (last != null) {
      body.put("lastChange", Api.json(last));
    }
    Api.ok(ctx, body);
  }

  /** The {@code :id} path parameter, a client order id in the form the edge accepts. */
  static String orderId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!ContractInput.isName(id, ContractInput.MAX_ID_LENGTH)) {
      throw new ApiException(ErrorCode.INVALID_ORDER_ID, "a client order id is 1 to " + ContractInput.MAX_ID_LENGTH
          + " letters, digits or . _ : / -");
    }
    return id;
  }

  /** A request for a time range goes to storage; without one the recent in-memory window answers. */
  private static boolean historic(RoutingContext ctx) {
    return ctx.request().getParam("from") != null || ctx.request().getParam("to") != null;
  }
}
