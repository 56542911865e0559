package io.tradingrt.backtest;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;
import io.tradingrt.storage.database.DuckDb;
import io.tradingrt.storage.database.Sql;
import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Ticks read with DuckDB through a streaming cursor, ordered by {@code (ts, seq, symbol)}: the runtime's own file
 * through {@code all_market_ticks} (the view that spans the table and the Parquet tier), or Parquet files through
 * {@code read_parquet}. A stored {@code DECIMAL(18,8)} arrives as a BigDecimal of scale 8 whose unscaled value is the
 * raw {@link Fixed}.
 */
public final class DuckDbTickSource implements TickSource {
  static final int FETCH_SIZE = 8_192;
  /**
   * The decimals as stored: computing raw units in SQL ({@code (bid::DECIMAL(38,8) * 1e8)::BIGINT}) made DuckDB
   * evaluate 128-bit arithmetic for every row before its sort, and read 2–3× slower than these columns converted here
   * (docs/benchmarks.md, backtest).
   */
  private static final String COLUMNS = "symbol, epoch_us(ts), bid, ask, bid_size, ask_size, last, last_size, seq";

  private final String description;
  private final Connection connection;
  private final boolean ownsConnection;
  private final PreparedStatement statement;
  private final ResultSet rows;
  /** Symbols repeat on every row: one String per symbol instead of one per row. */
  private final Map<String, String> symbols = new HashMap<>();

  private DuckDbTickSource(String description, Connection connection, boolean ownsConnection, String relation,
                           TickRange range) {
    this.description = description;
    this.connection = connection;
    this.ownsConnection = ownsConnection;
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM ").append(relation)
        .append(" WHERE ts >= make_timestamp(?) AND ts < make_timestamp(?)");
    if (!range.symbols().isEmpty()) {
      sql.append(" AND symbol IN (");
      String separator = "";
      for (String symbol : new TreeSet<>(range.symbols())) {
        sql.append(separator).append(Sql.literal(symbol));
        separator = ", ";
      }
      sql.append(')');
    }
    sql.append(" ORDER BY ts, seq, symbol");
    try {
      statement = connection.prepareStatement(sql.toString());
      statement.setFetchSize(FETCH_SIZE);
      statement.setLong(1, Math.max(range.fromMicros(), -62_135_596_800_000_000L));
      statement.setLong(2, Math.min(range.toMicros(), 253_402_300_799_999_999L));
      rows = statement.executeQuery();
    } catch (SQLException e) {
      closeQuietly();
      throw new StorageException(StorageErrorCode.QUERY_FAILED, "cannot read ticks from " + description + ": "
          + StorageException.oneLine(e.getMessage()), e);
    }
  }

  /**
   * The stored ticks of a runtime database on a connection the caller keeps (e.g. one {@code duplicate()} per
   * sweep run); the file must not be open in a running runtime (DuckDB lets one process hold it).
   */
  public static DuckDbTickSource stored(Connection connection, String description, TickRange range) {
    return new DuckDbTickSource(description, connection, false, "all_market_ticks", range);
  }

  /** The stored ticks of a runtime database file, opened read-only for this source alone. */
  public static DuckDbTickSource stored(Path databaseFile, TickRange range) {
    return new DuckDbTickSource("db:" + databaseFile, DuckDb.openStreaming(databaseFile, "1GB", 2), true,
        "all_market_ticks", range);
  }

  /** Parquet files (a path or a glob) with the market_ticks columns, read by an in-memory DuckDB. */
  public static DuckDbTickSource parquet(Path files, TickRange range) {
    return new DuckDbTickSource("parquet:" + files, DuckDb.openStreaming(null, "1GB", 2), true,
        "read_parquet(" + Sql.literal(files.toString()) + ")", range);
  }

  @Override
  public Tick next() {
    try {
      if (!rows.next()) {
        return null;
      }
      String symbol = symbols.computeIfAbsent(rows.getString(1), s -> s);
      return new Tick(symbol, rows.getLong(2), fixed(rows.getBigDecimal(3)), fixed(rows.getBigDecimal(4)),
          fixed(rows.getBigDecimal(5)), fixed(rows.getBigDecimal(6)), fixed(rows.getBigDecimal(7)),
          fixed(rows.getBigDecimal(8)), rows.getLong(9));
    } catch (SQLException e) {
      throw new StorageException(StorageErrorCode.QUERY_FAILED, "reading ticks from " + description + " failed: "
          + StorageException.oneLine(e.getMessage()), e);
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      if (rows != null) {
        rows.close();
      }
      if (statement != null) {
        statement.close();
      }
      if (ownsConnection) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // read-only: closing a cursor that failed loses nothing
    }
  }

  /** NULL reads as zero, as the tables' defaults; another scale (a foreign Parquet file) goes through the exact parse. */
  static Fixed fixed(BigDecimal value) {
    if (value == null) {
      return Fixed.ZERO;
    }
    return value.scale() == 8 && value.precision() <= 18 ? Fixed.ofRaw(value.unscaledValue().longValue())
        : Fixed.of(value);
  }
}
