package io.tradingrt.backtest;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;
import io.tradingrt.storage.database.DuckDb;
import io.tradingrt.storage.database.Sql;
import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;
import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.DuckDBReadableVector;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Ticks read with DuckDB through a streaming cursor, ordered by {@code (ts, seq, symbol)}: the runtime's own file
 * through {@code all_market_ticks} (the view that spans the table and the Parquet tier), or Parquet files through
 * {@code read_parquet}.
 * <p>Read a chunk of rows at a time through DuckDB's data-chunk interface ({@link DuckDBPreparedStatement#query()}),
 * column by column, not row by row through {@link ResultSet}: the symbols come as small integers into a dictionary
 * read first (one String per symbol, not one per row), the time as {@code epoch_us}, and a stored
 * {@code DECIMAL(18,8)} as a BigDecimal of scale 8 whose unscaled value is the raw {@link Fixed}
 * (docs/benchmarks.md, backtest, for the figures that chose this).
 */
public final class DuckDbTickSource implements TickSource {
  /**
   * The decimals as stored: computing raw units in SQL ({@code (bid * 100000000::BIGINT)::BIGINT}) makes DuckDB
   * evaluate 128-bit arithmetic for every row, several times slower than these columns converted here.
   */
  private static final List<String> DECIMALS = List.of("bid", "ask", "bid_size", "ask_size", "last", "last_size");

  private final String description;
  private final Connection connection;
  private final boolean ownsConnection;
  private final PreparedStatement statement;
  private final DuckDBChunkedResult chunks;
  /** The symbols of the range, in order; the cursor's first column indexes this. */
  private final String[] symbols;
  private final DuckDBReadableVector[] columns = new DuckDBReadableVector[9];
  private long rows;
  private long row;

  private DuckDbTickSource(String description, Connection connection, boolean ownsConnection, String relation,
                           TickRange range) {
    this.description = description;
    this.connection = connection;
    this.ownsConnection = ownsConnection;
    try {
      symbols = symbols(connection, relation, range);
      String sql = "SELECT d.i, epoch_us(ts), " + decimals(connection, relation) + ", seq FROM " + relation
          + " JOIN " + dictionary(symbols)
          + " ON d.s = symbol" + where(range) + " ORDER BY ts, seq, symbol";
      statement = connection.prepareStatement(sql);
      bind(statement, range);
      chunks = statement.unwrap(DuckDBPreparedStatement.class).query();
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

  /**
   * How many stored ticks {@code range} holds, for a progress figure: one count over the same view the run reads
   * ({@code all_market_ticks}), on a connection the caller keeps.
   */
  public static long countStored(Connection connection, TickRange range) {
    return count(connection, "all_market_ticks", range, "the stored ticks");
  }

  /** How many ticks of {@code range} the Parquet files hold. */
  public static long countParquet(Path files, TickRange range) {
    try (Connection connection = DuckDb.openStreaming(null, "1GB", 2)) {
      return count(connection, "read_parquet(" + Sql.literal(files.toString()) + ")", range, "parquet:" + files);
    } catch (SQLException e) {
      throw new StorageException(StorageErrorCode.QUERY_FAILED, "cannot count ticks in " + files + ": "
          + StorageException.oneLine(e.getMessage()), e);
    }
  }

  private static long count(Connection connection, String relation, TickRange range, String description) {
    try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + relation + where(range))) {
      bind(count, range);
      try (ResultSet r = count.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    } catch (SQLException e) {
      throw new StorageException(StorageErrorCode.QUERY_FAILED, "cannot count ticks in " + description + ": "
          + StorageException.oneLine(e.getMessage()), e);
    }
  }

  private static String where(TickRange range) {
    StringBuilder sql = new StringBuilder(" WHERE ts >= make_timestamp(?) AND ts < make_timestamp(?)");
    if (!range.symbols().isEmpty()) {
      sql.append(" AND symbol IN (");
      String separator = "";
      for (String symbol : new TreeSet<>(range.symbols())) {
        sql.append(separator).append(Sql.literal(symbol));
        separator = ", ";
      }
      sql.append(')');
    }
    return sql.toString();
  }

  private static void bind(PreparedStatement statement, TickRange range) throws SQLException {
    statement.setLong(1, Math.max(range.fromMicros(), -62_135_596_800_000_000L));
    statement.setLong(2, Math.min(range.toMicros(), 253_402_300_799_999_999L));
  }

  @Override
  public Tick next() {
    try {
      if (row == rows && !nextChunk()) {
        return null;
      }
      long k = row++;
      return new Tick(symbols[columns[0].getInt(k) - 1], columns[1].getLong(k), fixed(columns[2], k),
          fixed(columns[3], k), fixed(columns[4], k), fixed(columns[5], k), fixed(columns[6], k),
          fixed(columns[7], k), columns[8].getLong(k));
    } catch (RuntimeException e) {
      throw new StorageException(StorageErrorCode.QUERY_FAILED, "reading ticks from " + description + " failed: "
          + StorageException.oneLine(String.valueOf(e.getMessage())), e);
    }
  }

  private boolean nextChunk() {
    while (chunks.nextChunk()) {
      DuckDBDataChunkReader chunk = chunks.chunk();
      rows = chunk.rowCount();
      row = 0;
      if (rows > 0) {
        for (int c = 0; c < columns.length; c++) {
          columns[c] = chunk.vector(c);
        }
        return true;
      }
    }
    return false;
  }

  /** The symbols {@code range} names, or else those the relation holds in its time range, sorted. */
  private static String[] symbols(Connection connection, String relation, TickRange range) throws SQLException {
    if (!range.symbols().isEmpty()) {
      return new TreeSet<>(range.symbols()).toArray(String[]::new);
    }
    try (PreparedStatement distinct = connection.prepareStatement("SELECT DISTINCT symbol FROM " + relation
        + where(range) + " ORDER BY symbol")) {
      bind(distinct, range);
      List<String> found = new ArrayList<>();
      try (ResultSet r = distinct.executeQuery()) {
        while (r.next()) {
          found.add(r.getString(1));
        }
      }
      return found.toArray(String[]::new);
    }
  }

  /**
   * The six decimal columns as the relation holds them when they are DECIMAL (the runtime's own, or most Parquet);
   * another type (a foreign file's DOUBLE, say) as its text, parsed exactly here as it always was.
   */
  private static String decimals(Connection connection, String relation) throws SQLException {
    Map<String, String> types = new HashMap<>();
    try (PreparedStatement describe = connection.prepareStatement("DESCRIBE SELECT * FROM " + relation);
         ResultSet r = describe.executeQuery()) {
      while (r.next()) {
        types.put(r.getString("column_name"), r.getString("column_type"));
      }
    }
    StringJoiner columns = new StringJoiner(", ");
    for (String column : DECIMALS) {
      columns.add(types.getOrDefault(column, "").startsWith("DECIMAL") ? column : column + "::VARCHAR");
    }
    return columns.toString();
  }

  /** {@code (s, i)}: each symbol with its place in {@code symbols}, counted from 1. */
  private static String dictionary(String[] symbols) {
    if (symbols.length == 0) {
      return "(SELECT NULL::VARCHAR AS s, 1 AS i WHERE false) d";
    }
    StringBuilder list = new StringBuilder("[");
    for (int i = 0; i < symbols.length; i++) {
      list.append(i == 0 ? "" : ", ").append(Sql.literal(symbols[i]));
    }
    list.append(']');
    return "(SELECT unnest(" + list + ") AS s, generate_subscripts(" + list + ", 1)::INTEGER AS i) d";
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
      if (chunks != null) {
        chunks.close();
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

  /** A decimal column as it comes, or another type's text (see {@link #decimals}). */
  private static Fixed fixed(DuckDBReadableVector column, long k) {
    if (column.isNull(k)) {
      return Fixed.ZERO;
    }
    return column.getType() == DuckDBColumnType.DECIMAL ? fixed(column.getBigDecimal(k))
        : fixed(new BigDecimal(column.getString(k)));
  }

  /**
   * NULL reads as zero, as the tables' defaults; scale 8 is the raw units (its unscaled value fits a long,
   * DECIMAL(18,8) being at most 18 digits), another scale (a foreign Parquet file) goes through the exact parse.
   */
  static Fixed fixed(BigDecimal value) {
    if (value == null) {
      return Fixed.ZERO;
    }
    return value.scale() == 8 && value.precision() <= 18 ? Fixed.ofRaw(value.scaleByPowerOfTen(8).longValueExact())
        : Fixed.of(value);
  }
}
