package io.tradingrt.launcher;

import io.tradingrt.ingest.BarVerticle;
import io.tradingrt.ingest.IngestVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The roles a node can hold, in start order. Each role's verticle receives its own conf section plus the shared
 * sections it needs (instruments for risk and strategies, for example).
 */
final class Roles {

  record Role(String name, Supplier<? extends Deployable> factory, Function<JsonObject, JsonObject> config,
              Function<JsonObject, DeploymentOptions> options) {
    Role withOptions(Function<JsonObject, DeploymentOptions> options) {
      return new Role(name, factory, config, options);
    }
  }

  static final List<Role> ORDER = List.of(
      role("bars", BarVerticle::new, "bars"),
      role("ingest", IngestVerticle::new, "ingest").withOptions(conf -> new DeploymentOptions().setThreadingModel(
          "csv".equals(conf.getString("feed")) ? ThreadingModel.WORKER : ThreadingModel.EVENT_LOOP)));

  private Roles() {
  }

  private static Role role(String name, Supplier<? extends Deployable> factory, String section, String... shared) {
    return new Role(name, factory, root -> {
      JsonObject config = root.getJsonObject(section, new JsonObject()).copy();
      for (String key : shared) {
        config.put(key, root.getValue(key));
      }
      return config;
    }, conf -> new DeploymentOptions());
  }
}
