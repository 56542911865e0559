package io.tradingrt.launcher;

import io.tradingrt.config.ConfigLoader;
import io.tradingrt.config.RuntimeSettings;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * The launcher's side of {@link ConfigLoader}: the {@code -conf} argument (or a Vert.x {@link JsonObject}, as tests and
 * benchmarks write overrides) and the environment, to the typed {@link RuntimeSettings} every role is built from.
 */
public final class RuntimeConfig {

  private RuntimeConfig() {
  }

  /** Defaults ← {@code -conf FILE|JSON} (none when null) ← environment. */
  public static RuntimeSettings load(String conf, Map<String, String> env) {
    return ConfigLoader.load(conf == null ? Map.of() : ConfigLoader.parseOverride(conf), env);
  }

  /** Defaults ← override ← environment. */
  public static RuntimeSettings load(JsonObject override, Map<String, String> env) {
    return ConfigLoader.load(override == null ? Map.of() : ConfigLoader.parse(override.encode(), "override"), env);
  }
}
