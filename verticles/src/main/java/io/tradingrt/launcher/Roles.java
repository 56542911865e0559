package io.tradingrt.launcher;

import io.tradingrt.bridge.TcpBridgeVerticle;
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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The roles a node can hold, in start order: consumers before producers, so no early message finds nobody home.
 * Each role's verticle receives its own conf section plus the shared keys it needs.
 */
final class Roles {

  record Role(String name, Supplier<? extends Deployable> factory, Function<JsonObject, JsonObject> config,
              Function<JsonObject, DeploymentOptions> options) {
  }

  static final List<Role> ORDER = List.of(
      new Role("storage", StorageWriterVerticle::new, root -> section(root, "storage"),
          conf -> new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)),
      new Role("portfolio", PortfolioVerticle::new, root -> section(root, "portfolio").put("persist", persist(root)),
          Roles::eventLoop),
      new Role("execution", ExecutionVerticle::new, root -> section(root, "execution").put("persist", persist(root)),
          Roles::eventLoop),
      new Role("risk", RiskVerticle::new, root -> new JsonObject()
          .put("risk", section(root, "risk"))
          .put("instruments", section(root, "instruments"))
          .put("symbols", section(root, "ingest").getJsonArray("symbols", new JsonArray()))
          .put("initialCash", section(root, "portfolio").getString("initialCash", "1000000"))
          .put("persist", persist(root)), Roles::eventLoop),
      new Role("signal", SignalVerticle::new,
          root -> new JsonObject().put("strategies", root.getJsonArray("strategies", new JsonArray())),
          Roles::eventLoop),
      new Role("bars", BarVerticle::new, root -> section(root, "bars"), Roles::eventLoop),
      new Role("metrics", MetricsVerticle::new, root -> section(root, "metrics"), Roles::eventLoop),
      new Role("http", HttpVerticle::new, root -> section(root, "http")
          .put("symbols", section(root, "ingest").getJsonArray("symbols", new JsonArray()))
          .put("strategies", root.getJsonArray("strategies", new JsonArray()))
          .put("roles", root.getJsonArray("roles", new JsonArray())), Roles::eventLoop),
      new Role("bridge", TcpBridgeVerticle::new, root -> section(root, "http"), Roles::eventLoop),
      new Role("ingest", IngestVerticle::new, root -> section(root, "ingest"), conf -> new DeploymentOptions()
          .setThreadingModel("csv".equals(conf.getString("feed")) ? ThreadingModel.WORKER : ThreadingModel.EVENT_LOOP)));

  private Roles() {
  }

  private static JsonObject section(JsonObject root, String name) {
    return root.getJsonObject(name, new JsonObject()).copy();
  }

  /** Durable records go to a storage writer when one runs somewhere: this node has the role, or {@code persist}. */
  private static boolean persist(JsonObject root) {
    return root.getBoolean("persist", root.getJsonArray("roles", new JsonArray()).contains("storage"));
  }

  private static DeploymentOptions eventLoop(JsonObject conf) {
    return new DeploymentOptions();
  }
}
