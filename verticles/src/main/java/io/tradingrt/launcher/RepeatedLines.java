package io.tradingrt.launcher;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Rate-limits lines that repeat: at most {@code burst} lines of one kind per window, the rest counted and reported on
 * the next line of that kind that passes ("… 1,234 similar lines suppressed"). Lines are of one kind when logger,
 * level and message agree once digits are ignored, so "order 17 failed" and "order 18 failed" count together.
 * Loggers named {@code *.acks} are never limited: each of their lines is a record someone asked for (the execution
 * role's {@code logAcks} lines are how a test or an operator learns what storage acknowledged), and they are logged
 * only when switched on.
 */
final class RepeatedLines implements Filter {
  private static final int MAX_KINDS = 4_096;
  private static final int KEY_LENGTH = 160;
  /** The logger-name suffix of lines that are never rate-limited. */
  static final String EVERY_LINE_SUFFIX = ".acks";

  private record Kind(long windowStartNanos, int passed, long suppressed) {
  }

  private final int burst;
  private final long windowNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Kind> kinds = new HashMap<>();
  private final SimpleFormatter formatter = new SimpleFormatter();

  RepeatedLines(int burst, long windowMillis, LongSupplier nanoTime) {
    this.burst = burst;
    this.windowNanos = windowMillis * 1_000_000;
    this.nanoTime = nanoTime;
  }

  @Override
  public synchronized boolean isLoggable(LogRecord record) {
    if (record.getLoggerName() != null && record.getLoggerName().endsWith(EVERY_LINE_SUFFIX)) {
      return true;
    }
    String key = key(record);
    long now = nanoTime.getAsLong();
    Kind kind = kinds.get(key);
    if (kind == null || now - kind.windowStartNanos() >= windowNanos) {
      if (kind != null && kind.suppressed() > 0) {
        record.setMessage(formatter.formatMessage(record) + " (" + kind.suppressed()
            + " similar lines suppressed in the last " + (now - kind.windowStartNanos()) / 1_000_000_000 + " s)");
        record.setParameters(null);
      }
      if (kind == null && kinds.size() >= MAX_KINDS) {
        kinds.clear(); // a flood of distinct lines: forget old kinds rather than grow without bound
      }
      kinds.put(key, new Kind(now, 1, 0));
      return true;
    }
    if (kind.passed() < burst) {
      kinds.put(key, new Kind(kind.windowStartNanos(), kind.passed() + 1, kind.suppressed()));
      return true;
    }
    kinds.put(key, new Kind(kind.windowStartNanos(), kind.passed(), kind.suppressed() + 1));
    return false;
  }

  private String key(LogRecord record) {
    String message = formatter.formatMessage(record);
    StringBuilder key = new StringBuilder(KEY_LENGTH + 32).append(record.getLevel().intValue()).append('|')
        .append(record.getLoggerName()).append('|');
    for (int i = 0; i < message.length() && key.length() < KEY_LENGTH; i++) {
      char c = message.charAt(i);
      if (!Character.isDigit(c)) {
        key.append(c);
      }
    }
    return key.toString();
  }
}
