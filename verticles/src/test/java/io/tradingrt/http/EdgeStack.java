package io.tradingrt.http;

import io.tradingrt.bridge.TcpBridgeVerticle;
import io.tradingrt.codecs.wire.ContractCodecs;
import io.tradingrt.config.HttpSettings;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.execution.ExecutionVerticle;
import io.tradingrt.ingest.BarVerticle;
import io.tradingrt.ingest.IngestVerticle;
import io.tradingrt.launcher.RuntimeConfig;
import io.tradingrt.metrics.MetricsVerticle;
import io.tradingrt.portfolio.PortfolioVerticle;
import io.tradingrt.risk.RiskVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A running edge for tests: Vert.x with the Prometheus registry, the real trading verticles on the bundled defaults,
 * and the HTTP (and optionally TCP bridge) verticle on free ports. Test data builder, not a fixture per test class.
 */
public final class EdgeStack implements AutoCloseable {
  public static final String TOKEN = "test-token";
  /** The node's roles as the HTTP verticle sees them: no storage, so nothing is persisted. */
  private static final List<String> ROLES = List.of("ingest", "risk", "execution", "portfolio", "http");

  public final Vertx vertx;
  public final RuntimeSettings defaults;
  private HttpVerticle http;

  private EdgeStack(Vertx vertx) {
    this.vertx = vertx;
    this.defaults = settings(new JsonObject());
    ContractCodecs.register(vertx);
  }

  /** Vert.x with metrics on, as the launcher builds it. */
  public static EdgeStack start() {
    return new EdgeStack(Vertx.builder().with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)).setJvmMetricsEnabled(true)
        .setEnabled(true))).build());
  }

  /** The bundled defaults with this stack's roles and HTTP keys, deep-merged with {@code override}. */
  public static RuntimeSettings settings(JsonObject override) {
    JsonObject base = new JsonObject().put("roles", new JsonArray(ROLES)).put("http", httpConfig());
    return RuntimeConfig.load(base.mergeIn(override, true), Map.of());
  }

  /** The trading roles on the defaults (no storage, nothing persisted), with a slow simulated feed. */
  public EdgeStack trading(long ticksPerSecond) {
    RuntimeSettings s = settings(new JsonObject()
        .put("portfolio", new JsonObject().put("snapshotIntervalMs", 200))
        .put("bars", new JsonObject().put("timeframes", new JsonArray().add("1s").add("1m")))
        .put("ingest", new JsonObject().put("ticksPerSecond", ticksPerSecond)));
    deploy(new PortfolioVerticle(s.portfolio(), s.persists()));
    deploy(new ExecutionVerticle(s.execution(), s.persists()));
    deploy(new RiskVerticle(s.risk(), s.instruments(), s.ingest().symbols(), s.initialCash(), s.persists()));
    deploy(new BarVerticle(s.bars()));
    deploy(new IngestVerticle(s.ingest()));
    return this;
  }

  public EdgeStack metrics() {
    deploy(new MetricsVerticle(defaults.metrics()));
    return this;
  }

  public EdgeStack http(JsonObject overrides) {
    http = httpVerticle(overrides);
    deploy(http);
    return this;
  }

  /** An HTTP verticle (not deployed) on this stack's HTTP keys with {@code overrides} of the {@code http} section. */
  public HttpVerticle httpVerticle(JsonObject overrides) {
    RuntimeSettings s = settings(new JsonObject().put("http", overrides));
    return new HttpVerticle(s.http(), s.ingest().symbols(), s.strategyNames(), s.roles(), s.instruments(),
        s.bars().timeframes());
  }

  /** A TCP bridge verticle (not deployed) with {@code overrides} of the {@code http} section. */
  public TcpBridgeVerticle bridge(JsonObject overrides) {
    return new TcpBridgeVerticle(httpSettings(overrides));
  }

  public HttpSettings httpSettings(JsonObject overrides) {
    return settings(new JsonObject().put("http", overrides)).http();
  }

  /** Free ports, the test token, no rate limit to speak of. */
  public static JsonObject httpConfig() {
    return new JsonObject().put("host", "127.0.0.1").put("port", 0).put("token", TOKEN)
        .put("rateLimitPerSecond", 100_000).put("tcpBridgePort", 0);
  }

  public List<String> symbols() {
    return defaults.ingest().symbols();
  }

  public int httpPort() {
    return http.actualPort();
  }

  public String deploy(Deployable verticle) {
    return await(vertx.deployVerticle(verticle));
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.await(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out", e);
    }
  }

  /** Polls until {@code condition} holds, failing after {@code seconds}. */
  public static void eventually(int seconds, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s: " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    await(vertx.close());
  }
}
