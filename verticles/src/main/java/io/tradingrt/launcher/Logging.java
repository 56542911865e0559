package io.tradingrt.launcher;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tradingrt.edge.Printable;
import io.tradingrt.logs.LogRing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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

/**
 * One-line JUL format for the runtime's own logs (control characters escaped, repeated lines rate-limited), or one JSON
 * object per line with {@code TRT_LOG_FORMAT=json} (for Loki, ELK and friends); Hazelcast and Netty quieter except
 * cluster membership. The recent records also go to the {@link LogRing} the dashboard's log view reads.
 */
public final class Logging {

  /** JUL holds loggers weakly: without these references the levels set below are lost at the next GC. */
  private static List<Logger> configured = List.of();

  private Logging() {
  }

  /** The environment variable that picks the format: {@code text} (default) or {@code json}. */
  public static final String FORMAT_ENV = "TRT_LOG_FORMAT";

  public static void configure() {
    configure(System.getenv(FORMAT_ENV));
  }

  static void configure(String format) {
    keepHandlersDuringShutdown();
    Logger root = Logger.getLogger("");
    for (var handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    ConsoleHandler console = new ConsoleHandler();
    console.setFormatter(formatter(format));
    console.setLevel(Level.ALL);
    // an overload or a hostile client must not turn one fault into millions of identical lines
    console.setFilter(new RepeatedLines(20, 10_000, System::nanoTime));
    root.addHandler(console);
    LogRing.install();
    root.setLevel(Level.INFO);
    configured = List.of(
        level("com.hazelcast", Level.WARNING),
        level("com.hazelcast.internal.cluster.ClusterService", Level.INFO),
        level("io.netty", Level.WARNING));
  }

  static Formatter formatter(String format) {
    if (format == null || format.isBlank() || format.equalsIgnoreCase("text")) {
      return new OneLineFormatter();
    }
    if (format.equalsIgnoreCase("json")) {
      return new JsonLineFormatter();
    }
    throw new IllegalArgumentException(FORMAT_ENV + " must be text or json, not " + Printable.escape(format));
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
          .append(Printable.escape(formatMessage(record)));
      if (record.getThrown() != null) {
        line.append(" (").append(Printable.escape(RuntimeHooks.oneLine(record.getThrown()))).append(')');
      }
      return line.append(System.lineSeparator()).toString();
    }
  }

  /**
   * One JSON object per record and line: {@code time} (ISO-8601 UTC), {@code level}, {@code logger}, {@code thread},
   * {@code message}, and {@code error} (the exception's one-line summary) when there is one. Jackson writes the
   * escaping, so any text a client sent stays inside its string.
   */
  static final class JsonLineFormatter extends Formatter {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String format(LogRecord record) {
      StringWriter line = new StringWriter(192);
      try (JsonGenerator json = JSON.createGenerator(line)) {
        json.writeStartObject();
        json.writeStringField("time", java.time.Instant.ofEpochMilli(record.getMillis()).toString());
        json.writeStringField("level", record.getLevel().getName());
        json.writeStringField("logger", record.getLoggerName() == null ? "" : record.getLoggerName());
        json.writeStringField("thread", Thread.currentThread().getName());
        json.writeStringField("message", formatMessage(record));
        if (record.getThrown() != null) {
          json.writeStringField("error", RuntimeHooks.oneLine(record.getThrown()));
        }
        json.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return line.append(System.lineSeparator()).toString();
    }
  }
}
