package io.tradingrt.http;

import io.tradingrt.codecs.wire.ContractCodecs;
import io.tradingrt.execution.ExecutionVerticle;
import io.tradingrt.ingest.BarVerticle;
import io.tradingrt.ingest.IngestVerticle;
import io.tradingrt.metrics.MetricsVerticle;
import io.tradingrt.portfolio.PortfolioVerticle;
import io.tradingrt.risk.RiskVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A running edge for tests: Vert.x with the Prometheus registry, the real trading verticles on the bundled defaults,
 * and the HTTP (and optionally TCP bridge) verticle on free ports. Test data builder, not a fixture per test class.
 */
public final class EdgeStack implements AutoCloseable {
  public static final String TOKEN = "test-token";

  public final Vertx vertx;
  public final JsonObject defaults;
  private HttpVerticle http;

  private EdgeStack(Vertx vertx) {
    this.vertx = vertx;
    this.defaults = defaults();
    ContractCodecs.register(vertx);
  }

  /** Vert.x with metrics on, as the launcher builds it. */
  public static EdgeStack start() {
    return new EdgeStack(Vertx.builder().with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)).setJvmMetricsEnabled(true)
        .setEnabled(true))).build());
  }

  /** The trading roles on the defaults (no storage, nothing persisted), with a slow simulated feed. */
  public EdgeStack trading(long ticksPerSecond) {
    JsonObject risk = new JsonObject().put("risk", defaults.getJsonObject("risk"))
        .put("instruments", defaults.getJsonObject("instruments")).put("symbols", symbols())
        .put("initialCash", "1000000");
    deploy(new PortfolioVerticle(), defaults.getJsonObject("portfolio").copy().put("persist", false)
        .put("snapshotIntervalMs", 200));
    deploy(new ExecutionVerticle(), defaults.getJsonObject("execution").copy().put("persist", false));
    deploy(new RiskVerticle(), risk);
    deploy(new BarVerticle(), new JsonObject().put("timeframes", new JsonArray().add("1s").add("1m")));
    deploy(new IngestVerticle(), defaults.getJsonObject("ingest").copy().put("ticksPerSecond", ticksPerSecond));
    return this;
  }

  public EdgeStack metrics() {
    deploy(new MetricsVerticle(), new JsonObject().put("liveIntervalMs", 100).put("quotesPerSecond", 4));
    return this;
  }

  public EdgeStack http(JsonObject overrides) {
    http = new HttpVerticle();
    deploy(http, httpConfig().mergeIn(overrides));
    return this;
  }

  public JsonObject httpConfig() {
    return new JsonObject().put("host", "127.0.0.1").put("port", 0).put("token", TOKEN)
        .put("rateLimitPerSecond", 100_000).put("tcpBridgePort", 0).put("symbols", symbols())
        .put("strategies", new JsonArray().add("momentum").add("meanrev"))
        .put("roles", new JsonArray().add("ingest").add("risk").add("execution").add("portfolio").add("http"));
  }

  public JsonArray symbols() {
    return defaults.getJsonObject("ingest").getJsonArray("symbols");
  }

  public int httpPort() {
    return http.actualPort();
  }

  public String deploy(Deployable verticle, JsonObject config) {
    return await(vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)));
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

  private static JsonObject defaults() {
    try (InputStream in = EdgeStack.class.getClassLoader().getResourceAsStream("conf/runtime.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
