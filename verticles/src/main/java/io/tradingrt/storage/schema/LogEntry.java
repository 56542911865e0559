package io.tradingrt.storage.schema;

import java.util.Objects;

/** One application log line; {@code error} holds the exception text, null when none. */
public record LogEntry(long tsMicros, String level, String logger, String thread, String message, String error) {
  public LogEntry {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(logger, "logger");
    Objects.requireNonNull(message, "message");
  }
}
