package io.tradingrt.launcher;

import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.VertxApplication;

import java.util.Arrays;

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
    Logging.configure();
    if (args.length > 0 && Tools.isTool(args[0])) {
      System.exit(Tools.run(args[0], Arrays.copyOfRange(args, 1, args.length)));
    }
    RuntimeHooks hooks;
    LaunchArguments parsed;
    try {
      parsed = LaunchArguments.parse(args);
      JsonObject override = parsed.conf() == null ? new JsonObject() : RuntimeConfig.parseOverride(parsed.conf());
      JsonObject config = RuntimeConfig.load(override, System.getenv());
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
    Logger.getLogger("io.tradingrt").info(() -> "starting " + (parsed.cluster() ? "clustered" : "single") + " node");
    int code = new RuntimeLauncher(parsed.vertxArgs().toArray(String[]::new), hooks).launch();
    if (code != 0) {
      System.exit(code);
    }
  }
}
