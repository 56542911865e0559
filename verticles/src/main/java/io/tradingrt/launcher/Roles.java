package io.tradingrt.launcher;

import io.tradingrt.bridge.TcpBridgeVerticle;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.config.StrategySettings;
import io.tradingrt.execution.ExecutionVerticle;
import io.tradingrt.execution.fix.FixExecutionVerticle;
import io.tradingrt.http.HttpVerticle;
import io.tradingrt.ingest.BarVerticle;
import io.tradingrt.ingest.FixMarketDataVerticle;
import io.tradingrt.ingest.IngestVerticle;
import io.tradingrt.metrics.MetricsVerticle;
import io.tradingrt.portfolio.PortfolioVerticle;
import io.tradingrt.risk.RiskVerticle;
import io.tradingrt.signal.SignalVerticle;
import io.tradingrt.storage.StorageWriterVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The roles a node can hold, in start order: consumers before producers, so no early message finds nobody home.
 * Roles of one stage start together: the trading roles each rebuild from the journal at start, and nothing reaches
 * them before the later stages (the edges, then the feed) start, so their rebuilds run side by side. Each role's
 * verticle is built from the typed sections it needs.
 */
final class Roles {

  /**
   * What a role's verticle is built from: the settings, whether it persists, the fence (in a cluster, whether this
   * node may act on the lease the role runs under) and, for {@code signal}, the strategies placed here.
   */
  record RoleContext(RuntimeSettings settings, boolean persist, BooleanSupplier acting,
                     List<StrategySettings> strategies) {
    static RoleContext single(RuntimeSettings settings) {
      return new RoleContext(settings, settings.persists(false), () -> true, settings.strategies());
    }
  }

  record Role(String name, int stage, Function<RoleContext, ? extends Deployable> factory,
              Function<RuntimeSettings, DeploymentOptions> options) {
  }

  /**
   * In a cluster, the roles whose state exists once per book run under a lease of this name on exactly one node;
   * {@code signal} is spread strategy by strategy; {@code http} and {@code bridge} run on every node listing them.
   */
  static final Map<String, List<String>> SINGLETONS = singletons();

  private static Map<String, List<String>> singletons() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    map.put("storage", List.of("storage"));
    map.put("trading-core", List.of("portfolio", "execution", "risk"));
    map.put("bars", List.of("bars"));
    map.put("metrics", List.of("metrics"));
    map.put("ingest", List.of("ingest"));
    return Collections.unmodifiableMap(map);
  }

  /** The singleton a role belongs to, or null for {@code signal}, {@code http} and {@code bridge}. */
  static String singletonOf(String role) {
    return SINGLETONS.entrySet().stream().filter(e -> e.getValue().contains(role)).map(Map.Entry::getKey)
        .findFirst().orElse(null);
  }

  static Role named(String name) {
    return ORDER.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  static final List<Role> ORDER = List.of(
      new Role("storage", 0, c -> new StorageWriterVerticle(c.settings().storage()),
          s -> new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)),
      new Role("portfolio", 1, c -> new PortfolioVerticle(c.settings().portfolio(), c.persist()), Roles::eventLoop),
      new Role("execution", 1, c -> "fix".equals(c.settings().execution().venue())
          ? new FixExecutionVerticle(c.settings().execution(), c.settings().fix(), c.persist(), c.acting())
          : new ExecutionVerticle(c.settings().execution(), c.persist(), c.acting()), Roles::eventLoop),
      new Role("risk", 1, c -> new RiskVerticle(c.settings().risk(), c.settings().instruments(),
          c.settings().ingest().symbols(), c.settings().initialCash(), c.persist(), c.acting()), Roles::eventLoop),
      new Role("signal", 1, c -> new SignalVerticle(c.strategies(), c.persist(), c.acting()), Roles::eventLoop),
      new Role("bars", 2, c -> new BarVerticle(c.settings().bars()), Roles::eventLoop),
      new Role("metrics", 2, c -> new MetricsVerticle(c.settings().metrics()), Roles::eventLoop),
      new Role("http", 3, c -> new HttpVerticle(c.settings().http(), c.settings().ingest().symbols(),
          c.settings().strategyNames(), c.settings().roles(), c.settings().instruments(),
          c.settings().bars().timeframes()), Roles::eventLoop),
      new Role("bridge", 3, c -> new TcpBridgeVerticle(c.settings().http()), Roles::eventLoop),
      new Role("ingest", 4, c -> "fix".equals(c.settings().ingest().feed())
          ? new FixMarketDataVerticle(c.settings().fix(), c.settings().ingest().symbols())
          : new IngestVerticle(c.settings().ingest()), s -> new DeploymentOptions()
          .setThreadingModel("csv".equals(s.ingest().feed()) ? ThreadingModel.WORKER : ThreadingModel.EVENT_LOOP)));

  private Roles() {
  }

  private static DeploymentOptions eventLoop(RuntimeSettings settings) {
    return new DeploymentOptions();
  }
}
