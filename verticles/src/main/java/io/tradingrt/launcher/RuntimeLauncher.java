package io.tradingrt.launcher;

import io.tradingrt.config.ConfigException;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.storage.database.DuckDb;
import io.tradingrt.storage.database.StorageException;
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
    RuntimeSettings config;
    try {
      parsed = LaunchArguments.parse(args);
      config = RuntimeConfig.load(parsed.conf(), System.getenv());
      if (parsed.cluster()) {
        ClusterSetup.hazelcastConfig(System.getenv());
      }
      hooks = new RuntimeHooks(config, parsed.cluster(), System.getenv());
    } catch (ConfigException e) {
      System.err.println("runtime: " + e.getMessage());
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
  private static long checkStorage(RuntimeSettings config) {
    if (!config.roles().contains("storage")) {
      return -1;
    }
    try {
      return DuckDb.verifyAtStart(config.storage());
    } catch (StorageException e) {
      System.err.println("runtime: " + e.getMessage());
      System.exit(STORAGE_EXIT_CODE);
    }
    return -1;
  }
}
