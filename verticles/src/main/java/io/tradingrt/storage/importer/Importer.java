package io.tradingrt.storage.importer;

import io.tradingrt.storage.database.Sql;
import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Loads ticks into market_ticks from CSV, Parquet or a PostgreSQL/TimescaleDB table. CSV and Parquet are read by
 * DuckDB itself in one transaction (vectorised, the fastest path); PostgreSQL rows are streamed over JDBC with a
 * fetch size into the appender, one transaction per batch. Use it from one thread, on a connection with no other
 * open transaction (the writer's between flushes, or a duplicate).
 *
 * <p>CSV columns (header required): {@code ts,symbol,bid,ask,bid_size,ask_size,last,last_size,seq}; ts is an
 * ISO timestamp in UTC ({@code 2024-01-02 09:30:00.123456}). Decimals with more than 8 digits are rounded half-even.
 */
public final class Importer {

  private static final String COLUMNS = "ts, symbol, bid, ask, bid_size, ask_size, last, last_size, seq";
  private static final Pattern QUALIFIED_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

  private final DuckDBConnection target;

  public Importer(DuckDBConnection target) {
    this.target = target;
  }

  public record Result(long rows, long millis) {
  }

  public Result fromCsv(Path csv, ImportProgress progress) {
    requireFile(csv);
    String source = "read_csv(" + Sql.literal(csv) + ", header = true, columns = {'ts': 'TIMESTAMP', "
        + "'symbol': 'VARCHAR', 'bid': 'DECIMAL(18,8)', 'ask': 'DECIMAL(18,8)', 'bid_size': 'DECIMAL(18,8)', "
        + "'ask_size': 'DECIMAL(18,8)', 'last': 'DECIMAL(18,8)', 'last_size': 'DECIMAL(18,8)', 'seq': 'BIGINT'})";
    return insertSelect("CSV " + csv, source, progress);
  }

  /** {@code parquet} is a file or a glob; the files need the market_ticks column names (extra columns are ignored). */
  public Result fromParquet(Path parquet, ImportProgress progress) {
    return insertSelect("Parquet " + parquet, "read_parquet(" + Sql.literal(parquet.toString()) + ")", progress);
  }

  /**
   * Streams a TimescaleDB-layout table {@code (time TIMESTAMPTZ, symbol TEXT, bid, ask, bid_size, ask_size, last,
   * last_size NUMERIC [, seq BIGINT])}; without a seq column the row number in time order is used. Turns autocommit
   * off on {@code source} (PostgreSQL streams with a cursor only inside a transaction).
   */
  public Result fromPostgres(Connection source, String table, int batchRows, ImportProgress progress) {
    if (!QUALIFIED_NAME.matcher(table).matches()) {
      throw new IllegalArgumentException("not a plain [schema.]table name: '" + table + "'");
    }
    long started = System.currentTimeMillis();
    long done = 0;
    try {
      source.setAutoCommit(false);
      long total = count(source, table);
      boolean hasSeq = hasColumn(source, table, "seq");
      String sql = "SELECT (extract(epoch FROM time) * 1000000)::bigint, symbol, bid, ask, bid_size, ask_size, last, "
          + "last_size, " + (hasSeq ? "seq" : "row_number() OVER (ORDER BY time)") + " FROM " + table
          + " ORDER BY time";
      try (Statement select = source.createStatement(); DuckDBAppender appender =
               target.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "market_ticks")) {
        select.setFetchSize(Math.min(batchRows, 50_000));
        try (ResultSet rows = select.executeQuery(sql)) {
          int inBatch = 0;
          Sql.execute(target, "BEGIN TRANSACTION");
          while (rows.next()) {
            appendRow(appender, rows);
            if (++inBatch == batchRows) {
              done += commitBatch(appender, inBatch);
              progress.onProgress(done, total);
              inBatch = 0;
              Sql.execute(target, "BEGIN TRANSACTION");
            }
          }
          done += commitBatch(appender, inBatch);
          progress.onProgress(done, total);
        }
      }
      source.commit();
      return new Result(done, System.currentTimeMillis() - started);
    } catch (SQLException | RuntimeException e) {
      Sql.rollbackQuietly(target);
      throw new StorageException(StorageErrorCode.IMPORT_FAILED, "import from PostgreSQL table " + table
          + " stopped after " + done + " committed rows: " + e.getMessage(), e);
    }
  }

  private Result insertSelect(String what, String source, ImportProgress progress) {
    long started = System.currentTimeMillis();
    try {
      Sql.execute(target, "BEGIN TRANSACTION");
      long rows = Sql.update(target, "INSERT INTO market_ticks (" + COLUMNS + ") SELECT " + COLUMNS + " FROM "
          + source);
      Sql.execute(target, "COMMIT");
      progress.onProgress(rows, rows);
      return new Result(rows, System.currentTimeMillis() - started);
    } catch (SQLException e) {
      Sql.rollbackQuietly(target);
      throw new StorageException(StorageErrorCode.IMPORT_FAILED, "import from " + what + " failed, nothing was "
          + "imported: " + e.getMessage(), e);
    }
  }

  private long commitBatch(DuckDBAppender appender, int rows) throws SQLException {
    appender.flush();
    Sql.execute(target, "COMMIT");
    return rows;
  }

  private static void appendRow(DuckDBAppender appender, ResultSet row) throws SQLException {
    appender.beginRow();
    appender.appendEpochMicros(row.getLong(1));
    appender.append(row.getString(2));
    for (int column = 3; column <= 8; column++) {
      appender.appendDecimal(scaled(row.getBigDecimal(column)));
    }
    appender.append(row.getLong(9));
    appender.endRow();
  }

  private static long scaled(BigDecimal value) {
    if (value == null) {
      throw new IllegalArgumentException("NULL price or size in the source");
    }
    return value.setScale(8, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
  }

  private static long count(Connection source, String table) throws SQLException {
    try (Statement statement = source.createStatement();
         ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static boolean hasColumn(Connection source, String table, String column) throws SQLException {
    try (Statement statement = source.createStatement();
         ResultSet result = statement.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
      ResultSetMetaData meta = result.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        if (meta.getColumnName(i).equalsIgnoreCase(column)) {
          return true;
        }
      }
      return false;
    }
  }

  private static void requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new StorageException(StorageErrorCode.IMPORT_FAILED, "import file " + file + " does not exist");
    }
  }
}
