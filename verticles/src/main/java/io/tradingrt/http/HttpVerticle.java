package io.tradingrt.http;

import io.tradingrt.edge.ErrorCode;
import io.tradingrt.bridge.BridgePolicy;
import io.tradingrt.bridge.SockJsBridge;
import io.tradingrt.codecs.Addresses;
import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.MetricsSnapshot;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.PortfolioSnapshot;
import io.tradingrt.codecs.RiskStateChange;
import io.tradingrt.codecs.Signal;
import io.tradingrt.codecs.TickBatch;
import io.tradingrt.config.HttpSettings;
import io.tradingrt.config.InstrumentSettings;
import io.tradingrt.logs.LogRing;
import io.tradingrt.flow.RiskStateSeed;
import io.tradingrt.flow.TickFlow;
import io.tradingrt.time.MicrosClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.backends.BackendRegistries;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The HTTP edge on {@code host}:{@code port}: the REST API answered from hot state or the storage readers, health,
 * Prometheus {@code /metrics} (with the cluster gauges, polled from {@code cluster.view} every second), the cluster
 * view, the OpenAPI document, the SockJS event bus and the dashboard. Every request passes the per-IP rate limit;
 * every error is JSON.
 */
public final class HttpVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(HttpVerticle.class.getName());

  private static final long CLUSTER_POLL_MS = 1_000;
  static final long LOGS_TAIL_INTERVAL_MS = 250;
  /** The most records one {@code logs.tail} message carries: a burst beyond it shows its newest records. */
  static final int LOGS_TAIL_BATCH = 200;

  private final MicrosClock clock = MicrosClock.SYSTEM;
  private final HttpSettings conf;
  private final Set<String> symbols;
  private final Set<String> strategies;
  private final Set<String> roles;
  private final Map<String, InstrumentSettings> instruments;
  private final List<String> timeframes;
  private long logsSent = -1;
  private HotState state;
  private TokenBuckets buckets;
  private HttpServer server;
  private ClusterMeters clusterMeters;
  private Router router;

  /**
   * @param symbols    the fed symbols (others are unknown: 404/422)
   * @param strategies the configured strategies' names
   * @param roles      this node's roles: readiness checks storage with {@code storage}, ticks with {@code ingest}
   */
  public HttpVerticle(HttpSettings settings, List<String> symbols, List<String> strategies, List<String> roles) {
    this(settings, symbols, strategies, roles, Map.of(), List.of());
  }

  /**
   * @param instruments the {@code instruments} section, for {@code /api/instruments}
   * @param timeframes  {@code bars.timeframes}, for {@code /api/bars/timeframes}
   */
  public HttpVerticle(HttpSettings settings, List<String> symbols, List<String> strategies, List<String> roles,
                      Map<String, InstrumentSettings> instruments, List<String> timeframes) {
    this.conf = settings;
    this.symbols = Set.copyOf(symbols);
    this.strategies = Set.copyOf(strategies);
    this.roles = Set.copyOf(roles);
    this.instruments = Map.copyOf(instruments);
    this.timeframes = List.copyOf(timeframes);
  }

  @Override
  public Future<?> start() {
    String token = conf.token();
    if (token.isBlank()) {
      return Future.failedFuture("http: http.token must be set: every state change needs it");
    }
    if ("change-me".equals(token)) {
      LOG.warning("http: http.token is the default 'change-me'; set TRT_TOKEN before exposing this port");
    }
    state = new HotState(symbols, strategies);
    LogRing.install();
    LogRing.shared().redact(token);
    try {
      buckets = new TokenBuckets(conf.rateLimitPerSecond(), clock);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture("http: " + e.getMessage());
    }
    EventBus bus = vertx.eventBus();
    boolean expectStorage = conf.expectStorage() != null ? conf.expectStorage() : roles.contains("storage");
    boolean expectFeed = conf.expectFeed() != null ? conf.expectFeed() : roles.contains("ingest");
    Health health = new Health(vertx, state, clock, expectStorage, expectFeed, conf.feedStaleMillis());
    router = Router.router(vertx);
    router.route().handler(new SecurityHeaders());
    router.route().handler(this::rateLimit);
    router.route().handler(WellFormedUri::check);
    health.mount(router);
    router.get("/metrics").handler(PrometheusEndpoint::scrape);
    String openApi = vertx.fileSystem().readFileBlocking("openapi/openapi.json").toString();
    router.get("/api/openapi.json").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
        .end(openApi));
    new MetricsApi(state, bus, clock, health).mount(router);
    new TradingApi(state, bus, clock).mount(router);
    new ControlApi(state, bus, clock, token).mount(router);
    new DashboardApi(bus, instruments, symbols, timeframes).mount(router);
    new ClusterApi(bus).mount(router);
    router.route("/eventbus/*").handler(new OriginGuard(conf.allowedOrigins()));
    router.route("/eventbus/*").subRouter(SockJsBridge.router(vertx, new BridgePolicy(token, clock)));
    ApiDocs.mount(vertx, router);
    router.get("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars"));
    router.get("/*").handler(StaticHandler.create("dashboard-static").setIndexPage("index.html"));
    router.route().failureHandler(ApiErrors::onFailure);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, ApiErrors::onFailure);
    }
    vertx.setPeriodic(10_000, id -> buckets.forgetIdle());
    vertx.setPeriodic(LOGS_TAIL_INTERVAL_MS, id -> tailLogs(bus));
    pollClusterView(bus);
    String host = conf.host();
    int port = conf.port();
    // permessage-deflate compresses every frame once per client: measured at ~25 % of a core for 100 dashboards
    // at 10 Hz, against ~6 % without it (docs/benchmarks.md); the dashboard's small JSON frames gain little from it
    boolean compression = conf.websocketCompression();
    var options = new io.vertx.core.http.HttpServerOptions()
        .setPerMessageWebSocketCompressionSupported(compression)
        .setPerFrameWebSocketCompressionSupported(compression);
    RiskStateSeed.seed(vertx, state::onRiskState);
    return Future.all(subscribe(bus))
        .compose(v -> vertx.createHttpServer(options).requestHandler(router).listen(port, host))
        .onSuccess(s -> {
          server = s;
          LOG.info(() -> "http: listening on http://" + host + ":" + s.actualPort() + "/");
        });
  }

  /** This process's records since the last batch, on {@link Addresses#LOGS_TAIL}; nothing new, nothing sent. */
  private void tailLogs(EventBus bus) {
    List<LogRing.Entry> fresh = LogRing.shared().after(logsSent, LOGS_TAIL_BATCH);
    if (logsSent < 0) {
      // the first batch starts from now: what came before is GET /api/logs's
      logsSent = LogRing.shared().nextSeq() - 1;
      return;
    }
    if (!fresh.isEmpty()) {
      logsSent = fresh.get(fresh.size() - 1).seq();
      bus.publish(Addresses.LOGS_TAIL, new io.vertx.core.json.JsonObject().put("items", DashboardApi.items(fresh)));
    }
  }

  /** The routes as mounted, for the test that holds them against openapi.json. */
  Router router() {
    return router;
  }

  /** The port actually bound (useful with port 0 in tests). */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  private List<Future<Void>> subscribe(EventBus bus) {
    return List.of(
        TickFlow.consumer(vertx, "http", m -> state.onTicks(m.body().ticks(), clock.nowMicros()))
            .completion(),
        bus.<Bar>consumer(Addresses.MD_BARS, m -> state.onBar(m.body())).completion(),
        bus.<Signal>consumer(Addresses.SIGNALS, m -> state.onSignal(m.body())).completion(),
        bus.<OrderEvent>consumer(Addresses.EXEC_EVENTS, m -> state.onOrderEvent(m.body())).completion(),
        bus.<Fill>consumer(Addresses.EXEC_FILLS, m -> state.onFill(m.body())).completion(),
        bus.<PortfolioSnapshot>consumer(Addresses.PORTFOLIO_UPDATES, m -> state.onPortfolio(m.body())).completion(),
        bus.<RiskStateChange>consumer(Addresses.RISK_STATE, m -> state.onRiskState(m.body())).completion(),
        bus.<MetricsSnapshot>consumer(Addresses.METRICS_LIVE, m -> state.onMetrics(m.body())).completion());
  }

  /**
   * The cluster gauges live with the edge that serves {@code /metrics}: every node that can be scraped shows its view,
   * including while the metrics singleton is between holders.
   */
  private void pollClusterView(EventBus bus) {
    MeterRegistry registry = BackendRegistries.getDefaultNow();
    if (registry == null) {
      return;
    }
    clusterMeters = new ClusterMeters(registry);
    vertx.setPeriodic(0, CLUSTER_POLL_MS, id -> ClusterView.ask(bus).onComplete(view -> {
      if (view.succeeded()) {
        clusterMeters.onView(view.result());
      } else {
        clusterMeters.onNoView();
      }
    }));
  }

  private void rateLimit(RoutingContext ctx) {
    String client = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
    long waitMicros = buckets.tryAcquire(client);
    if (waitMicros == 0) {
      ctx.next();
      return;
    }
    long retryAfterSeconds = Math.max(1, (waitMicros + 999_999) / 1_000_000);
    ctx.response().putHeader("Retry-After", Long.toString(retryAfterSeconds));
    ApiErrors.send(ctx, ErrorCode.RATE_LIMITED, "too many requests from " + client + "; retry after "
        + retryAfterSeconds + " s");
  }

  @Override
  public Future<?> stop() {
    if (clusterMeters != null) {
      clusterMeters.close();
    }
    return server == null ? Future.succeededFuture() : server.close();
  }
}
