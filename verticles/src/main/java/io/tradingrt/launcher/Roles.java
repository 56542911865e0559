package io.tradingrt.launcher;

import io.tradingrt.bridge.TcpBridgeVerticle;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.execution.ExecutionVerticle;
import io.tradingrt.http.HttpVerticle;
import io.tradingrt.ingest.BarVerticle;
import io.tradingrt.ingest.IngestVerticle;
import io.tradingrt.metrics.MetricsVerticle;
import io.tradingrt.portfolio.PortfolioVerticle;
import io.tradingrt.risk.RiskVerticle;
import io.tradingrt.signal.SignalVerticle;
import io.tradingrt.storage.StorageWriterVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;

import java.util.List;
import java.util.function.Function;

/**
 * The roles a node can hold, in start order: consumers before producers, so no early message finds nobody home.
 * Roles of one stage start together: the trading roles each rebuild from the journal at start, and nothing reaches
 * them before the later stages (the edges, then the feed) start, so their rebuilds run side by side. Each role's
 * verticle is built from the typed sections it needs.
 */
final class Roles {

  record Role(String name, int stage, Function<RuntimeSettings, ? extends Deployable> factory,
              Function<RuntimeSettings, DeploymentOptions> options) {
  }

  static final List<Role> ORDER = List.of(
      new Role("storage", 0, s -> new StorageWriterVerticle(s.storage()),
          s -> new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)),
      new Role("portfolio", 1, s -> new PortfolioVerticle(s.portfolio(), s.persists()), Roles::eventLoop),
      new Role("execution", 1, s -> new ExecutionVerticle(s.execution(), s.persists()), Roles::eventLoop),
      new Role("risk", 1, s -> new RiskVerticle(s.risk(), s.instruments(), s.ingest().symbols(), s.initialCash(),
          s.persists()), Roles::eventLoop),
      new Role("signal", 1, s -> new SignalVerticle(s.strategies(), s.persists()), Roles::eventLoop),
      new Role("bars", 2, s -> new BarVerticle(s.bars()), Roles::eventLoop),
      new Role("metrics", 2, s -> new MetricsVerticle(s.metrics()), Roles::eventLoop),
      new Role("http", 3, s -> new HttpVerticle(s.http(), s.ingest().symbols(), s.strategyNames(), s.roles()),
          Roles::eventLoop),
      new Role("bridge", 3, s -> new TcpBridgeVerticle(s.http()), Roles::eventLoop),
      new Role("ingest", 4, s -> new IngestVerticle(s.ingest()), s -> new DeploymentOptions()
          .setThreadingModel("csv".equals(s.ingest().feed()) ? ThreadingModel.WORKER : ThreadingModel.EVENT_LOOP)));

  private Roles() {
  }

  private static DeploymentOptions eventLoop(RuntimeSettings settings) {
    return new DeploymentOptions();
  }
}
