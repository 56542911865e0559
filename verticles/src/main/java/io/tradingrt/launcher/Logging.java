package io.tradingrt.launcher;

import java.lang.reflect.Field;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One-line JUL format for the runtime's own logs; Hazelcast and Netty quieter except cluster membership. */
public final class Logging {

  /** JUL holds loggers weakly: without these references the levels set below are lost at the next GC. */
  private static List<Logger> configured = List.of();

  private Logging() {
  }

  public static void configure() {
    keepHandlersDuringShutdown();
    Logger root = Logger.getLogger("");
    for (var handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    ConsoleHandler console = new ConsoleHandler();
    console.setFormatter(new OneLineFormatter());
    console.setLevel(Level.ALL);
    root.addHandler(console);
    root.setLevel(Level.INFO);
    configured = List.of(
        level("com.hazelcast", Level.WARNING),
        level("com.hazelcast.internal.cluster.ClusterService", Level.INFO),
        level("io.netty", Level.WARNING));
  }

  private static Logger level(String name, Level level) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(level);
    return logger;
  }

  /**
   * JUL's own shutdown hook (LogManager$Cleaner) removes every handler while Vert.x is still stopping verticles in
   * its hook, so the orderly stop would go unlogged. Our console handler flushes per record and needs no cleanup,
   * so the cleaner is unregistered. Needs {@code --add-opens java.base/java.lang}, which the jar manifest carries.
   */
  private static void keepHandlersDuringShutdown() {
    LogManager.getLogManager();
    try {
      Class<?> hooksClass = Class.forName("java.lang.ApplicationShutdownHooks");
      Field field = hooksClass.getDeclaredField("hooks");
      field.setAccessible(true);
      Map<?, ?> hooks;
      synchronized (hooksClass) {
        hooks = new IdentityHashMap<>((Map<?, ?>) field.get(null));
      }
      for (Object hook : hooks.keySet()) {
        if (hook.getClass().getName().equals("java.util.logging.LogManager$Cleaner")) {
          Runtime.getRuntime().removeShutdownHook((Thread) hook);
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      Logger.getLogger(Logging.class.getName()).fine(() -> "stop-time logging may be cut short: " + e);
    }
  }

  static final class OneLineFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
      String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
      String shortName = logger.substring(logger.lastIndexOf('.') + 1);
      StringBuilder line = new StringBuilder(128)
          .append(java.time.Instant.ofEpochMilli(record.getMillis())).append(' ')
          .append(record.getLevel().getName()).append(' ')
          .append(shortName).append(": ")
          .append(formatMessage(record));
      if (record.getThrown() != null) {
        line.append(" (").append(RuntimeHooks.oneLine(record.getThrown())).append(')');
      }
      return line.append(System.lineSeparator()).toString();
    }
  }
}
