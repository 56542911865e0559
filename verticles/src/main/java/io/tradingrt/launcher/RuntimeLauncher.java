package io.tradingrt.launcher;

import io.tradingrt.storage.database.DuckDb;
import io.tradingrt.storage.database.StorageConfig;
import io.tradingrt.storage.database.StorageException;
import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.VertxApplication;


import java.util.logging.Logger;

/**
 * The jar's Main-Class. {@code java -jar runtime.jar [-conf FILE|JSON] [-cluster]} starts the runtime; the first
 * argument {@code backup}, {@code restore} or {@code import} runs that tool instead.
 */
public final class RuntimeLauncher extends VertxApplication {

  private RuntimeLauncher(String[] vertxArgs, RuntimeHooks hooks) {
    super(vertxArgs, hooks, false, true);
  }

  public static void main(String[] args) {
    try {
      Logging.configure();
    } catch (IllegalArgumentException e) {
      System.err.println("runtime: " + e.getMessage());
      System.exit(2);
    }
    if (args.length > 0 && Tools.isTool(args[0])) {
      System.exit(Tools.run(args));
    }
    RuntimeHooks hooks;
    LaunchArguments parsed;
    JsonObject config;
    try {
      parsed = LaunchArguments.parse(args);
      JsonObject override = parsed.conf() == null ? new JsonObject() : RuntimeConfig.parseOverride(parsed.conf());
      config = RuntimeConfig.load(override, System.getenv());
      if (parsed.cluster()) {
        ClusterSetup.hazelcastConfig(System.getenv());
      }
      hooks = new RuntimeHooks(config, parsed.cluster(), System.getenv());
    } catch (RuntimeConfig.ConfigException e) {
      System.err.println("runtime: " + e.getMessage());
      System.exit(2);
      return;
    } catch (ClassCastException e) {
      System.err.println("runtime: a configuration value has the wrong type: " + RuntimeHooks.oneLine(e));
      System.exit(2);
      return;
    }
    // before anything is logged or started: a damaged database file ends the start with one line
    long checkedMillis = checkStorage(config);
    Logger.getLogger("io.tradingrt").info(() -> "starting " + (parsed.cluster() ? "clustered" : "single") + " node");
    if (checkedMillis >= 0) {
      Logger.getLogger("io.tradingrt").info(() -> "storage: database file verified in " + checkedMillis + " ms");
    }
    int code = new RuntimeLauncher(parsed.vertxArgs().toArray(String[]::new), hooks).launch();
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Exit code when the database file is locked, damaged or cannot be opened. */
  static final int STORAGE_EXIT_CODE = 3;

  /** Milliseconds the check of this node's database file took; -1 when the node has no storage role. */
  private static long checkStorage(JsonObject config) {
    if (!config.getJsonArray("roles", new io.vertx.core.json.JsonArray()).contains("storage")) {
      return -1;
    }
    try {
      StorageConfig storage = config.getJsonObject("storage", new JsonObject()).mapTo(StorageConfig.class);
      return DuckDb.verifyAtStart(storage);
    } catch (StorageException e) {
      System.err.println("runtime: " + e.getMessage());
      System.exit(STORAGE_EXIT_CODE);
    } catch (IllegalArgumentException e) {
      System.err.println("runtime: invalid storage configuration: " + RuntimeHooks.oneLine(e));
      System.exit(2);
    }
    return -1;
  }
}
