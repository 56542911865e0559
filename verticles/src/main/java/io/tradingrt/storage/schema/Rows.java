package io.tradingrt.storage.schema;

import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.MetricsSnapshot;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TradingState;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Maps result rows, selected with the column lists below, back to the contract records; orders and fills are in
 * {@link TradingRows}.
 */
public final class Rows {

  public static final String TICK_COLUMNS = "symbol, epoch_us(ts) AS ts_us, bid, ask, bid_size, ask_size, last, last_size, "
      + "seq";
  public static final String BAR_COLUMNS = "symbol, timeframe, epoch_us(ts) AS ts_us, open, high, low, close, volume, vwap, "
      + "trade_count";
  public static final String POSITION_COLUMNS = "symbol, quantity, avg_price, realized_pnl, unrealized_pnl, last_price, "
      + "epoch_us(ts) AS ts_us";
  public static final String METRICS_COLUMNS = "epoch_us(ts) AS ts_us, ticks_total, ticks_per_second, signals_total, "
      + "orders_total, orders_denied, fills_total, equity, realized_pnl, unrealized_pnl, drawdown, trading_state, "
      + "tick_to_trade_p50_micros, tick_to_trade_p99_micros, writer_queue_depth, writer_dropped, heap_used_bytes, "
      + "heap_max_bytes, cpu_permille, coalesce(in_runtime_p50_micros, 0), coalesce(in_runtime_p99_micros, 0)";

  private Rows() {
  }

  public static Tick tick(ResultSet r) throws SQLException {
    return new Tick(r.getString(1), r.getLong(2), fixed(r, 3), fixed(r, 4), fixed(r, 5), fixed(r, 6), fixed(r, 7),
        fixed(r, 8), r.getLong(9));
  }

  public static Bar bar(ResultSet r) throws SQLException {
    return new Bar(r.getString(1), r.getString(2), r.getLong(3), fixed(r, 4), fixed(r, 5), fixed(r, 6), fixed(r, 7),
        fixed(r, 8), fixed(r, 9), r.getLong(10));
  }

  public static Position position(ResultSet r) throws SQLException {
    return new Position(r.getString(1), fixed(r, 2), fixed(r, 3), fixed(r, 4), fixed(r, 5), fixed(r, 6), r.getLong(7));
  }

  public static MetricsSnapshot metrics(ResultSet r) throws SQLException {
    return new MetricsSnapshot(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6),
        r.getLong(7), fixed(r, 8), fixed(r, 9), fixed(r, 10), fixed(r, 11), TradingState.valueOf(r.getString(12)),
        r.getLong(13), r.getLong(14), r.getLong(15), r.getLong(16), r.getLong(17), r.getLong(18), r.getInt(19),
        r.getLong(20), r.getLong(21));
  }

  /** NULL stays null; sums wider than 8 digits are rounded half-even. */
  public static Fixed fixed(ResultSet r, int column) throws SQLException {
    BigDecimal value = r.getBigDecimal(column);
    return value == null ? null : Fixed.ofRounded(value);
  }
}
