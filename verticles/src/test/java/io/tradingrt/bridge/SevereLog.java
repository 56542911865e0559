package io.tradingrt.bridge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects every SEVERE record logged in this JVM (Vert.x logs through JUL here) while attached. */
final class SevereLog extends Handler implements AutoCloseable {
  private final List<String> records = new CopyOnWriteArrayList<>();

  static SevereLog attach() {
    SevereLog log = new SevereLog();
    Logger.getLogger("").addHandler(log);
    return log;
  }

  /** What was logged since the last call, one line per record. */
  List<String> drain() {
    List<String> seen = List.copyOf(records);
    records.removeAll(seen);
    return seen;
  }

  @Override
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
      records.add(record.getLoggerName() + ": " + record.getMessage()
          + (record.getThrown() == null ? "" : " " + record.getThrown()));
    }
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(this);
  }
}
