package io.tradingrt.http;

import io.tradingrt.codecs.Addresses;
import io.tradingrt.config.InstrumentSettings;
import io.tradingrt.edge.ErrorCode;
import io.tradingrt.logs.LogRing;
import io.tradingrt.risk.InstrumentSpec;
import io.tradingrt.risk.Instruments;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;

/**
 * What a trader's dashboard reads besides the live bus: P&L per strategy and per day (the portfolio role), limit
 * usage (the risk role), the latency histograms (the metrics role), recent logs (this process's {@link LogRing}),
 * the instruments' precision and the configured bar timeframes.
 */
final class DashboardApi {
  static final int MAX_LOG_LIMIT = LogRing.CAPACITY;
  private static final long ASK_TIMEOUT_MS = 2_000;
  private static final Map<String, Level> LEVEL_ALIASES = Map.of("TRACE", Level.FINEST, "DEBUG", Level.FINE,
      "WARN", Level.WARNING, "ERROR", Level.SEVERE);

  private final EventBus bus;
  private final Instruments instruments;
  private final List<String> timeframes;

  DashboardApi(EventBus bus, Map<String, InstrumentSettings> instruments, Set<String> symbols,
               List<String> timeframes) {
    this.bus = bus;
    this.instruments = Instruments.fromSettings(instruments, symbols);
    this.timeframes = List.copyOf(timeframes);
  }

  void mount(Router router) {
    router.get("/api/pnl/strategies").handler(ctx -> relay(ctx, Addresses.PORTFOLIO_STRATEGY_PNL, new JsonObject(),
        "portfolio", ErrorCode.PORTFOLIO_UNAVAILABLE));
    router.get("/api/pnl/daily").handler(this::daily);
    router.get("/api/risk/limits").handler(ctx -> relay(ctx, Addresses.RISK_LIMIT_USAGE, new JsonObject(), "risk",
        ErrorCode.RISK_UNAVAILABLE));
    router.get("/api/metrics/latency").handler(ctx -> relay(ctx, Addresses.METRICS_LATENCY, new JsonObject(),
        "metrics", ErrorCode.METRICS_UNAVAILABLE));
    router.get("/api/logs").handler(this::logs);
    router.get("/api/instruments").handler(this::instruments);
    router.get("/api/bars/timeframes").handler(ctx -> Api.ok(ctx, new JsonObject()
        .put("items", new JsonArray(timeframes))));
  }

  private void daily(RoutingContext ctx) {
    long days = Api.longParam(ctx, "days", 30, 1, 366);
    relay(ctx, Addresses.PORTFOLIO_DAILY_PNL, new JsonObject().put("days", days), "portfolio",
        ErrorCode.PORTFOLIO_UNAVAILABLE);
  }

  private void relay(RoutingContext ctx, String address, JsonObject request, String role, ErrorCode unavailable) {
    Future<Object> reply = bus.request(address, request, new DeliveryOptions().setSendTimeout(ASK_TIMEOUT_MS))
        .map(message -> (Object) message.body())
        .recover(failure -> Future.failedFuture(ApiErrors.fromBus(failure, role, unavailable)));
    Api.relay(ctx, reply);
  }

  private void logs(RoutingContext ctx) {
    Level level = level(Api.optional(ctx, "level", "INFO"));
    int limit = (int) Api.longParam(ctx, "limit", 200, 1, MAX_LOG_LIMIT);
    Api.ok(ctx, new JsonObject().put("items", items(LogRing.shared().recent(level, limit))));
  }

  static JsonArray items(List<LogRing.Entry> entries) {
    JsonArray items = new JsonArray();
    for (LogRing.Entry e : entries) {
      items.add(new JsonObject().put("seq", e.seq()).put("tsMicros", e.tsMicros()).put("level", e.level())
          .put("logger", e.logger()).put("message", e.message()));
    }
    return items;
  }

  /** A JUL level name (INFO, WARNING, SEVERE …) or a common alias (WARN, ERROR, DEBUG, TRACE). */
  private static Level level(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    Level alias = LEVEL_ALIASES.get(upper);
    if (alias != null) {
      return alias;
    }
    return switch (upper) {
      case "SEVERE" -> Level.SEVERE;
      case "WARNING" -> Level.WARNING;
      case "INFO" -> Level.INFO;
      case "CONFIG" -> Level.CONFIG;
      case "FINE" -> Level.FINE;
      case "FINER" -> Level.FINER;
      case "FINEST" -> Level.FINEST;
      default -> throw new ApiException(ErrorCode.INVALID_PARAMETER, "the query parameter 'level' must be one of "
          + "SEVERE, WARNING, INFO, CONFIG, FINE, FINER, FINEST (or ERROR, WARN, DEBUG, TRACE), got '"
          + Api.printable(name) + "'");
    };
  }

  private void instruments(RoutingContext ctx) {
    JsonArray items = new JsonArray();
    for (String symbol : instruments.symbols()) {
      InstrumentSpec spec = instruments.find(symbol).orElseThrow();
      items.add(new JsonObject().put("symbol", symbol).put("tickSize", spec.tickSize().toString())
          .put("lotSize", spec.lotSize().toString()).put("minQuantity", spec.minQuantity().toString())
          .put("maxQuantity", spec.maxQuantity().toString()).put("minPrice", spec.minPrice().toString())
          .put("maxPrice", spec.maxPrice().toString()).put("priceDecimals", decimals(spec.tickSize().toBigDecimal()))
          .put("quantityDecimals", decimals(spec.lotSize().toBigDecimal())));
    }
    Api.ok(ctx, new JsonObject().put("items", items));
  }

  /** The digits after the point an increment needs: 0.01 → 2, 1 → 0, 0.5 → 1, 25 → 0. */
  static int decimals(BigDecimal increment) {
    return Math.max(0, increment.stripTrailingZeros().scale());
  }
}
