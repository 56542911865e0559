package io.tradingrt.launcher;

import io.tradingrt.codecs.wire.ContractCodecs;
import io.tradingrt.config.RuntimeSettings;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplicationHooks;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/** Hands our config to the main verticle, sets the cluster manager for {@code -cluster}, registers the codecs. */
final class RuntimeHooks implements VertxApplicationHooks {
  private static final Logger LOG = Logger.getLogger(RuntimeHooks.class.getName());

  private final RuntimeSettings config;
  private final boolean cluster;
  private final Map<String, String> env;

  RuntimeHooks(RuntimeSettings config, boolean cluster, Map<String, String> env) {
    this.config = config;
    this.cluster = cluster;
    this.env = env;
  }

  @Override
  public JsonObject afterConfigParsed(JsonObject ignored) {
    // the main verticle is built with the typed settings; Vert.x's own conf stays empty
    return new JsonObject();
  }

  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    VertxBuilder builder = Vertx.builder();
    // the one metrics registry: Prometheus, scraped at /metrics by the HTTP verticle
    options.setMetricsOptions(new MicrometerMetricsOptions()
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .setJvmMetricsEnabled(true)
        .setEnabled(true));
    // epoll where the platform has it: timers in microseconds instead of the NIO selector's whole milliseconds (the
    // timer pacing sends each tick at its planned time) and fewer copies per message; NIO elsewhere
    options.setPreferNativeTransport(true);
    if (options.getEventLoopPoolSize() == VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE) {
      // one event loop per role: a role busy with a tick flood (signal, risk) must not share its thread with the
      // HTTP role, or /health/live waits behind its queue; the OS then time-slices the busy loops fairly
      options.setEventLoopPoolSize(Math.max(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, Roles.ORDER.size() + 2));
    }
    if (cluster) {
      var hazelcast = ClusterSetup.hazelcastConfig(env, config.cluster().minimumMembers());
      if (options.getEventBusOptions().getHost() == null
          || options.getEventBusOptions().getHost().equals("localhost")) {
        options.getEventBusOptions().setHost(ClusterSetup.eventBusHost(hazelcast));
      }
      builder.withClusterManager(new io.vertx.spi.cluster.hazelcast.HazelcastClusterManager(hazelcast));
    }
    return builder.with(options);
  }

  @Override
  public void afterVertxStarted(HookContext context) {
    ContractCodecs.register(context.vertx());
  }

  @Override
  public Supplier<? extends Deployable> verticleSupplier() {
    return () -> new RuntimeVerticle(config);
  }

  @Override
  public void afterFailureToStartVertx(HookContext context, Throwable t) {
    LOG.severe("runtime: could not start Vert.x: " + oneLine(t));
  }

  /** Feeds first, storage last, within the 5 s a SIGTERM allows; whatever is left Vert.x then closes at once. */
  @Override
  public void beforeStoppingVertx(HookContext context) {
    LOG.info("runtime: stopping");
    try {
      context.vertx().eventBus().request(RuntimeVerticle.STOP_ROLES, "",
          new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(4_000)).await(4_500, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      LOG.warning("runtime: roles did not stop in order within 4 s: " + oneLine(e));
    }
  }

  @Override
  public void afterVertxStopped(HookContext context) {
    LOG.info("runtime: stopped");
  }

  static String oneLine(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.split("\n")[0];
  }
}
