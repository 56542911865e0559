package io.tradingrt.storage.query;

import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.MetricsSnapshot;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.Timeframe;
import io.tradingrt.storage.database.Sql;
import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;
import io.tradingrt.storage.database.Tables;
import io.tradingrt.storage.schema.LogEntry;
import io.tradingrt.storage.schema.Rows;
import io.tradingrt.storage.schema.StoredOrderEvent;
import io.tradingrt.storage.schema.TradingRows;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read queries on one connection, used by one thread: give each reader thread its own
 * {@code DuckDBConnection.duplicate()}. Tick and bar queries read the {@code all_*} views, so they span the
 * DuckDB table and the Parquet tier.
 */
public final class StorageQueries implements AutoCloseable {

  private final Connection connection;

  public StorageQueries(Connection connection) {
    this.connection = connection;
  }

  /** The newest {@code limit} ticks of a symbol, newest first; Parquet is read only when the table runs short. */
  public List<Tick> latestTicks(String symbol, int limit) {
    String sql = "SELECT " + Rows.TICK_COLUMNS + " FROM %s WHERE symbol = ? ORDER BY ts DESC, seq DESC LIMIT ?";
    List<Tick> hot = query(String.format(sql, "market_ticks"), Rows::tick, symbol, limit);
    return hot.size() >= limit ? hot : query(String.format(sql, "all_market_ticks"), Rows::tick, symbol, limit);
  }

  /**
   * OHLCV bars over [fromMicros, toMicros) computed from ticks exactly as the live aggregator does: epoch-aligned
   * buckets; open/close = last price of the first/last tick by (ts, seq); volume = Σ last_size;
   * vwap = Σ(last·last_size)/Σ last_size rounded half-even to 8 digits (0 when volume is 0).
   */
  public List<Bar> bars(String symbol, String timeframe, long fromMicros, long toMicros) {
    Timeframe frame = Timeframe.parse(timeframe);
    long length = frame.micros();
    String sql = "SELECT bucket, arg_min(last, (ts, seq)), max(last), min(last), arg_max(last, (ts, seq)), "
        + "sum(last_size), sum(CAST(last AS DECIMAL(38,8)) * last_size), count(*) FROM ("
        + "SELECT epoch_us(ts) - ((epoch_us(ts) % " + length + ") + " + length + ") % " + length + " AS bucket, "
        + "ts, seq, last, last_size FROM all_market_ticks "
        + "WHERE symbol = ? AND ts >= make_timestamp(?) AND ts < make_timestamp(?)) "
        + "GROUP BY bucket ORDER BY bucket";
    return query(sql, r -> {
      BigDecimal volume = r.getBigDecimal(6);
      BigDecimal notional = r.getBigDecimal(7);
      Fixed vwap = volume.signum() == 0 ? Fixed.ZERO
          : Fixed.ofRounded(notional.divide(volume, Fixed.SCALE, RoundingMode.HALF_EVEN));
      return new Bar(symbol, frame.label(), r.getLong(1), Rows.fixed(r, 2), Rows.fixed(r, 3), Rows.fixed(r, 4),
          Rows.fixed(r, 5), Fixed.of(volume), vwap, r.getLong(8));
    }, symbol, fromMicros, toMicros);
  }

  /** Bars as the live aggregator stored them in ohlcv_bars (and its Parquet tier). */
  public List<Bar> storedBars(String symbol, String timeframe, long fromMicros, long toMicros) {
    return query("SELECT " + Rows.BAR_COLUMNS + " FROM all_ohlcv_bars WHERE symbol = ? AND timeframe = ? "
        + "AND ts >= make_timestamp(?) AND ts < make_timestamp(?) ORDER BY ts", Rows::bar,
        symbol, timeframe, fromMicros, toMicros);
  }

  /** Order state changes, oldest first by event sequence. */
  public List<StoredOrderEvent> orders(OrderQuery q) {
    Filter filter = Filter.of(q).and("event_seq > ?", q.afterSeq());
    return query("SELECT " + TradingRows.ORDER_SELECT + " FROM orders" + filter.where()
        + " ORDER BY event_seq LIMIT ? OFFSET ?", TradingRows::order, filter.withPaging(q));
  }

  /** The latest state of each order. */
  public List<StoredOrderEvent> latestOrders(OrderQuery q) {
    Filter filter = Filter.of(q).and("event_seq > ?", q.afterSeq());
    return query("SELECT " + TradingRows.ORDER_SELECT + " FROM latest_orders" + filter.where()
        + " ORDER BY event_seq LIMIT ? OFFSET ?", TradingRows::order, filter.withPaging(q));
  }

  /** Fills, oldest first; the status filter does not apply to fills. */
  public List<Fill> trades(OrderQuery q) {
    Filter filter = Filter.of(q.withStatus(null));
    return query("SELECT " + TradingRows.FILL_SELECT + " FROM trades" + filter.where()
        + " ORDER BY fill_seq NULLS FIRST, ts, fill_id LIMIT ? OFFSET ?", TradingRows::fill, filter.withPaging(q));
  }

  /** Volume-weighted average trade price per symbol over every stored tick, all tiers. */
  public record SymbolVwap(String symbol, Fixed vwap, Fixed volume, long ticks) {
  }

  public List<SymbolVwap> vwapBySymbol() {
    return query("SELECT symbol, round(sum(CAST(last AS DECIMAL(38,8)) * last_size) / nullif(sum(last_size), 0), 8),"
        + " sum(last_size), count(*) FROM all_market_ticks GROUP BY symbol ORDER BY symbol",
        r -> new SymbolVwap(r.getString(1), r.getBigDecimal(2) == null ? Fixed.ZERO : Fixed.ofRounded(r.getBigDecimal(2)),
            Fixed.ofRounded(r.getBigDecimal(3)), r.getLong(4)));
  }

  /** Open positions (non-zero quantity), by symbol. */
  public List<Position> positions() {
    return query("SELECT " + Rows.POSITION_COLUMNS + " FROM current_positions ORDER BY symbol", Rows::position);
  }

  public PnlSummary pnlSummary() {
    String sql = "WITH f AS (SELECT symbol, sum(fee) AS fees, count(*) AS fills, "
        + "sum(CAST(price AS DECIMAL(38,8)) * quantity) AS notional FROM trades GROUP BY symbol) "
        + "SELECT coalesce(p.symbol, f.symbol), coalesce(p.quantity, 0), coalesce(p.realized_pnl, 0), "
        + "coalesce(p.unrealized_pnl, 0), coalesce(f.fees, 0), coalesce(f.fills, 0), coalesce(f.notional, 0) "
        + "FROM positions p FULL OUTER JOIN f ON p.symbol = f.symbol ORDER BY 1";
    List<PnlSummary.SymbolPnl> rows = query(sql, r -> {
      Fixed realized = Rows.fixed(r, 3);
      Fixed unrealized = Rows.fixed(r, 4);
      Fixed fees = Rows.fixed(r, 5);
      return new PnlSummary.SymbolPnl(r.getString(1), Rows.fixed(r, 2), realized, unrealized, fees,
          realized.plus(unrealized).minus(fees), r.getLong(6), Rows.fixed(r, 7));
    });
    Fixed realized = Fixed.ZERO;
    Fixed unrealized = Fixed.ZERO;
    Fixed fees = Fixed.ZERO;
    Fixed notional = Fixed.ZERO;
    long fills = 0;
    for (PnlSummary.SymbolPnl row : rows) {
      realized = realized.plus(row.realizedPnl());
      unrealized = unrealized.plus(row.unrealizedPnl());
      fees = fees.plus(row.fees());
      notional = notional.plus(row.tradedNotional());
      fills += row.fills();
    }
    return new PnlSummary(realized, unrealized, fees, realized.plus(unrealized).minus(fees), fills, notional, rows);
  }

  /** Metrics snapshots in [fromMicros, toMicros), oldest first. */
  public List<MetricsSnapshot> metricsHistory(long fromMicros, long toMicros, int limit) {
    return metricsHistory(fromMicros, toMicros, 0, limit);
  }

  /** With {@code bucketMicros > 0}, only the last snapshot of each bucket: an hour of 10 Hz rows fits one chart. */
  public List<MetricsSnapshot> metricsHistory(long fromMicros, long toMicros, long bucketMicros, int limit) {
    if (bucketMicros <= 0) {
      return query("SELECT " + Rows.METRICS_COLUMNS + " FROM system_metrics WHERE ts >= make_timestamp(?) "
          + "AND ts < make_timestamp(?) ORDER BY ts LIMIT ?", Rows::metrics, fromMicros, toMicros, limit);
    }
    return query("SELECT " + Rows.METRICS_COLUMNS + " FROM (SELECT *, row_number() OVER (PARTITION BY "
        + "epoch_us(ts) // ? ORDER BY ts DESC) AS newest FROM system_metrics WHERE ts >= make_timestamp(?) "
        + "AND ts < make_timestamp(?)) WHERE newest = 1 ORDER BY ts LIMIT ?", Rows::metrics, bucketMicros,
        fromMicros, toMicros, limit);
  }

  /** Log lines in [fromMicros, toMicros), of one level when {@code level} is non-null; newest first. */
  public List<LogEntry> logs(String level, long fromMicros, long toMicros, int limit) {
    String levelFilter = level == null ? "" : " AND level = ?";
    List<Object> params = new ArrayList<>(List.of(fromMicros, toMicros));
    if (level != null) {
      params.add(level);
    }
    params.add(limit);
    return query("SELECT epoch_us(ts), level, logger, thread, message, error FROM application_logs "
        + "WHERE ts >= make_timestamp(?) AND ts < make_timestamp(?)" + levelFilter + " ORDER BY ts DESC LIMIT ?",
        r -> new LogEntry(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
            r.getString(6)), params.toArray());
  }

  /** Exact row counts of every table and the size of the database file and its WAL. */
  public StorageStats stats() {
    try {
      String path = query("SELECT path FROM duckdb_databases() WHERE database_name = current_database()",
          r -> r.getString(1)).get(0);
      Map<String, Long> counts = new LinkedHashMap<>();
      for (String table : Tables.baseTables(connection)) {
        counts.put(table, query("SELECT count(*) FROM " + Sql.ident(table), r -> r.getLong(1)).get(0));
      }
      return new StorageStats(path, sizeOf(Path.of(path)), sizeOf(Path.of(path + ".wal")), counts);
    } catch (SQLException e) {
      throw new StorageException(StorageErrorCode.QUERY_FAILED, "table statistics failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // nothing left to release
    }
  }

  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  private <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      List<T> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(mapper.map(result));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new StorageException(StorageErrorCode.QUERY_FAILED, "query failed: " + e.getMessage(), e);
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
