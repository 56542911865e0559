package io.tradingrt.storage.writer;

import io.tradingrt.storage.schema.LogEntry;
import io.tradingrt.time.MicrosClock;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends the runtime's own log records (INFO and above) to {@code application_logs} through the writer's queue, so
 * logs are queryable beside the trading data. Records from the writer itself are skipped: a failing writer must not
 * feed on its own complaints.
 */
public final class StorageLogHandler extends Handler {
  private static volatile StorageLogHandler installed;

  private final WriteQueue queue;

  private StorageLogHandler(WriteQueue queue) {
    this.queue = queue;
    setLevel(Level.INFO);
  }

  public static synchronized void attach(WriteQueue queue) {
    detach();
    installed = new StorageLogHandler(queue);
    Logger.getLogger("").addHandler(installed);
  }

  public static synchronized void detach() {
    if (installed != null) {
      Logger.getLogger("").removeHandler(installed);
      installed = null;
    }
  }

  @Override
  public void publish(LogRecord record) {
    if (!isLoggable(record) || record.getLoggerName() == null
        || record.getLoggerName().startsWith(WriterLoop.class.getPackageName() + ".WriterLoop")) {
      return;
    }
    String error = record.getThrown() == null ? null : record.getThrown().toString();
    String message = record.getMessage();
    if (record.getParameters() != null && record.getParameters().length > 0) {
      message = new java.util.logging.SimpleFormatter().formatMessage(record);
    }
    queue.offer(new WriteQueue.LogRows(List.of(new LogEntry(MicrosClock.SYSTEM.nowMicros(),
        record.getLevel().getName(), record.getLoggerName(), Thread.currentThread().getName(),
        message == null ? "" : message, error))));
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
  }
}
