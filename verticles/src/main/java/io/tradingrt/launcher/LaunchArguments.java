package io.tradingrt.launcher;

import io.tradingrt.config.ConfigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the command line before Vert.x's launcher sees it, so a typo ends with one line and exit code 2 instead of a
 * usage dump, and takes {@code -conf} for our own loader (defaults ← conf ← environment).
 */
public record LaunchArguments(List<String> vertxArgs, String conf, boolean cluster) {

  /** Options passed through to {@code VertxApplication}, and whether each takes a value. */
  private static final Map<String, Boolean> VERTX_OPTIONS = Map.of(
      "-cluster", false,
      "-cluster-host", true,
      "-cluster-port", true,
      "-cluster-public-host", true,
      "-cluster-public-port", true,
      "-options", true,
      "-vertx-options", true);

  public static LaunchArguments parse(String[] args) {
    List<String> passed = new ArrayList<>();
    String conf = null;
    boolean cluster = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg.toLowerCase(Locale.ROOT).replaceFirst("^--", "-");
      String inlineValue = null;
      int eq = name.indexOf('=');
      if (eq > 0) {
        inlineValue = arg.substring(arg.indexOf('=') + 1);
        name = name.substring(0, eq);
      }
      if (name.equals("-conf") || name.equals("-config")) {
        conf = inlineValue != null ? inlineValue : valueAt(args, ++i, "-conf");
        continue;
      }
      Boolean takesValue = VERTX_OPTIONS.get(name);
      if (takesValue == null) {
        throw new ConfigException(arg.startsWith("-")
            ? "unknown option '" + arg + "' (known: -conf, -cluster, -cluster-host, -cluster-port, -options)"
            : "unexpected argument '" + arg + "' (commands: backup, restore, import; or options only)");
      }
      cluster |= name.equals("-cluster");
      passed.add(name);
      if (takesValue) {
        passed.add(inlineValue != null ? inlineValue : valueAt(args, ++i, arg));
      }
    }
    return new LaunchArguments(List.copyOf(passed), conf, cluster);
  }

  private static String valueAt(String[] args, int index, String option) {
    if (index >= args.length || args[index].startsWith("-") && !args[index].startsWith("{")) {
      throw new ConfigException("option " + option + " needs a value");
    }
    return args[index];
  }
}
