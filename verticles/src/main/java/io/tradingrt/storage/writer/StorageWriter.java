package io.tradingrt.storage.writer;

import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.JournalEntry;
import io.tradingrt.codecs.MetricsSnapshot;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.PortfolioSnapshot;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.Tick;
import io.tradingrt.storage.database.DuckDb;
import io.tradingrt.storage.database.Sql;
import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;
import io.tradingrt.storage.database.WriteFaults;
import io.tradingrt.storage.schema.LogEntry;
import io.tradingrt.storage.schema.RowAppenders;
import io.tradingrt.time.MicrosClock;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The single writer: owns one connection and must be used from one thread (DuckDB appenders are confined to their
 * creating thread and connections are not thread-safe). Bulk rows go through appenders inside an explicit SQL
 * {@code BEGIN}; {@link #flush()} commits them; the caller decides when (rows or age). Orders, fills and positions
 * are committed before their method returns, so a caller may acknowledge them afterwards.
 */
public final class StorageWriter implements AutoCloseable {

  private enum BulkTable { MARKET_TICKS, OHLCV_BARS, PORTFOLIO_SNAPSHOTS, SYSTEM_METRICS, APPLICATION_LOGS }

  private final DuckDBConnection connection;
  private final MicrosClock clock;
  private final Map<BulkTable, DuckDBAppender> appenders = new EnumMap<>(BulkTable.class);
  private final TradingStatements trading;
  private Thread owner;
  private boolean inTransaction;
  private int pendingRows;
  private long pendingSinceMicros;
  private long rowsCommitted;
  private long commits;
  private long failedCommits;
  private long lastCommitMicros;
  private long maxCommitMicros;

  public StorageWriter(DuckDBConnection connection, MicrosClock clock) {
    this.connection = connection;
    this.clock = clock;
    this.trading = new TradingStatements(connection);
  }

  public void appendTicks(List<Tick> ticks) {
    if (ticks.isEmpty()) {
      return;
    }
    DuckDBAppender appender = begin(BulkTable.MARKET_TICKS);
    try {
      for (Tick tick : ticks) {
        RowAppenders.tick(appender, tick);
      }
    } catch (SQLException e) {
      throw abort("appending ticks", e);
    }
    appended(ticks.size());
  }

  public void appendBars(List<Bar> bars) {
    if (bars.isEmpty()) {
      return;
    }
    DuckDBAppender appender = begin(BulkTable.OHLCV_BARS);
    try {
      for (Bar bar : bars) {
        RowAppenders.bar(appender, bar);
      }
    } catch (SQLException e) {
      throw abort("appending bars", e);
    }
    appended(bars.size());
  }

  public void appendPortfolioSnapshot(PortfolioSnapshot snapshot) {
    DuckDBAppender appender = begin(BulkTable.PORTFOLIO_SNAPSHOTS);
    try {
      RowAppenders.portfolio(appender, snapshot);
    } catch (SQLException e) {
      throw abort("appending a portfolio snapshot", e);
    }
    appended(1);
  }

  public void appendMetrics(MetricsSnapshot metrics) {
    DuckDBAppender appender = begin(BulkTable.SYSTEM_METRICS);
    try {
      RowAppenders.metrics(appender, metrics);
    } catch (SQLException e) {
      throw abort("appending metrics", e);
    }
    appended(1);
  }

  public void appendLogs(List<LogEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    DuckDBAppender appender = begin(BulkTable.APPLICATION_LOGS);
    try {
      for (LogEntry entry : entries) {
        RowAppenders.log(appender, entry);
      }
    } catch (SQLException e) {
      throw abort("appending logs", e);
    }
    appended(entries.size());
  }

  /** True when the caller's flush policy says commit now: enough rows, or the oldest pending row is old enough. */
  public boolean flushDue(int maxRows, long maxAgeMicros) {
    return pendingRows >= maxRows || (pendingRows > 0 && clock.nowMicros() - pendingSinceMicros >= maxAgeMicros);
  }

  /** Commits every appended row; a no-op when nothing is pending. */
  public void flush() {
    checkThread();
    if (!inTransaction) {
      return;
    }
    long started = System.nanoTime();
    try {
      for (DuckDBAppender appender : appenders.values()) {
        appender.flush();
      }
      Sql.execute(connection, "COMMIT");
    } catch (SQLException e) {
      throw abort("committing", e);
    }
    inTransaction = false;
    long micros = (System.nanoTime() - started) / 1_000;
    rowsCommitted += pendingRows;
    commits++;
    lastCommitMicros = micros;
    maxCommitMicros = Math.max(maxCommitMicros, micros);
    pendingRows = 0;
    pendingSinceMicros = 0;
  }

  /** Stores one order state change durably; false when this exact event was stored before. */
  public boolean writeOrderEvent(OrderEvent event) {
    return writeTradingEvents(List.of(event), List.of(), List.of()).newOrderEvents() == 1;
  }

  /** Stores one fill durably, idempotent by fill id; false when it was stored before. */
  public boolean writeFill(Fill fill) {
    return writeTradingEvents(List.of(), List.of(fill), List.of()).newFills() == 1;
  }

  /** Stores the latest state of a position durably; an update older than the stored one is ignored. */
  public void upsertPosition(Position position) {
    writeTradingEvents(List.of(), List.of(), List.of(position));
  }

  /** What a durable write stored: duplicates are not counted; {@code quarantined} records went to dead_letters. */
  public record TradingWrite(int newOrderEvents, int newFills, int positions, int quarantined) {

    TradingWrite plus(TradingWrite other) {
      return new TradingWrite(newOrderEvents + other.newOrderEvents, newFills + other.newFills,
          positions + other.positions, quarantined + other.quarantined);
    }
  }

  /**
   * Commits order events, fills and positions in the same transaction as the bulk rows appended so far: one commit
   * (one WAL sync) for both. On failure everything pending is rolled back, so the caller replays its bulk rows —
   * none of them was committed — and retries.
   */
  public TradingWrite writeTradingEvents(List<OrderEvent> events, List<Fill> fills, List<Position> positions) {
    return writeTradingEvents(events, fills, positions, List.of());
  }

  /** The same, with journal entries (control commands, state changes, day rolls) in the same transaction. */
  public TradingWrite writeTradingEvents(List<OrderEvent> events, List<Fill> fills, List<Position> positions,
                                         List<JournalEntry> journal) {
    int newEvents = 0;
    int newFills = 0;
    int newEntries = 0;
    inTransaction = begin();
    try {
      newEvents = trading.insertOrderEvents(events);
      newFills = trading.insertFills(fills);
      for (Position position : positions) {
        trading.upsertPosition(position);
      }
      for (JournalEntry entry : journal) {
        newEntries += trading.insertJournalEntry(entry) ? 1 : 0;
      }
    } catch (SQLException e) {
      throw abort("writing orders, fills, positions and journal entries", e);
    }
    appended(newEvents + newFills + positions.size() + newEntries);
    flush();
    return new TradingWrite(newEvents, newFills, positions.size(), 0);
  }

  /** Commits, then moves the WAL into the file; call it on a schedule (checkpointSeconds). */
  public void checkpoint() {
    flush();
    DuckDb.checkpoint(connection);
  }

  public int pendingRows() {
    return pendingRows;
  }

  public WriterStats stats() {
    return new WriterStats(rowsCommitted, commits, failedCommits, lastCommitMicros, maxCommitMicros, pendingRows,
        pendingSinceMicros);
  }

  /** A statement of its own transaction, e.g. a quarantined record; pending bulk rows are committed first. */
  public interface Work {
    void run(DuckDBConnection connection) throws SQLException;
  }

  /** Commits pending rows, then runs {@code work} in its own transaction and commits it. */
  public void writeAlone(Work work) {
    flush();
    inTransaction = begin();
    try {
      work.run(connection);
    } catch (SQLException e) {
      throw abort("writing alone", e);
    }
    appended(1);
    flush();
  }

  /** Commits what is pending, then closes appenders, statements and the connection. */
  @Override
  public void close() {
    try {
      flush();
    } finally {
      discard();
    }
  }

  /** Closes without committing: for a database DuckDB invalidated, which can only be reopened. */
  public void discard() {
    closeAppenders();
    Sql.rollbackQuietly(connection);
    trading.close();
    inTransaction = false;
    pendingRows = 0;
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing a connection DuckDB already invalidated
    }
  }

  private DuckDBAppender begin(BulkTable table) {
    if (!inTransaction) {
      inTransaction = begin();
    }
    DuckDBAppender appender = appenders.get(table);
    if (appender == null) {
      try {
        appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table.name().toLowerCase());
      } catch (SQLException e) {
        throw abort("creating the appender of " + table.name().toLowerCase(), e);
      }
      appenders.put(table, appender);
    }
    return appender;
  }

  /** setAutoCommit(false) does not wrap the appender: the transaction must be opened with SQL. */
  private boolean begin() {
    checkThread();
    if (inTransaction) {
      return true;
    }
    try {
      Sql.execute(connection, "BEGIN TRANSACTION");
      return true;
    } catch (SQLException e) {
      throw new StorageException(WriteFaults.classify(e), "cannot begin a transaction: " + e.getMessage(), e);
    }
  }

  private void appended(int rows) {
    if (rows > 0 && pendingRows == 0) {
      pendingSinceMicros = clock.nowMicros();
    }
    pendingRows += rows;
  }

  private StorageException abort(String action, SQLException cause) {
    int lost = pendingRows;
    StorageErrorCode code = WriteFaults.classify(cause);
    // a rejected record is counted by the quarantine, not as a failure of the database
    if (code != StorageErrorCode.RECORD_REJECTED) {
      failedCommits++;
    }
    closeAppenders();
    Sql.rollbackQuietly(connection);
    trading.reset();
    inTransaction = false;
    pendingRows = 0;
    pendingSinceMicros = 0;
    return new StorageException(code, "storage write failed while " + action
        + "; " + lost + " uncommitted rows were rolled back: " + cause.getMessage(), cause);
  }

  /** Before ROLLBACK: closing flushes buffered rows, which must land in the doomed transaction, not autocommit. */
  private void closeAppenders() {
    for (DuckDBAppender appender : appenders.values()) {
      try {
        appender.close();
      } catch (SQLException ignored) {
        // its rows are rolled back with the transaction
      }
    }
    appenders.clear();
  }

  private void checkThread() {
    Thread current = Thread.currentThread();
    if (owner == null) {
      owner = current;
    } else if (owner != current) {
      throw new IllegalStateException("StorageWriter is confined to thread " + owner.getName()
          + " but was called from " + current.getName());
    }
  }
}
