package io.tradingrt.backtest;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Side;
import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads stored runs (tables of migration V9) as the API shows them: the run rows newest first, one run with its
 * report, its curve and a page of its fills. Plain maps and records, written as JSON by {@link ReportJson}.
 */
final class BacktestQueries {
  private static final String RUN_COLUMNS = "run_id, sweep_id, epoch_us(created_at), source, epoch_us(from_ts), "
      + "epoch_us(to_ts), ticks, strategies_json, initial_cash::VARCHAR, final_equity::VARCHAR, total_return, "
      + "annualized_return, sharpe, sortino, max_drawdown::VARCHAR, max_drawdown_micros, fills, fees::VARCHAR, "
      + "fills_hash, wall_millis";

  private final Connection connection;

  BacktestQueries(Connection connection) {
    this.connection = connection;
  }

  List<Map<String, Object>> runs(int limit) {
    List<Map<String, Object>> runs = new ArrayList<>();
    query("SELECT " + RUN_COLUMNS + " FROM backtest_runs ORDER BY created_at DESC, run_id DESC LIMIT ?",
        s -> s.setInt(1, limit), r -> runs.add(run(r, false)));
    return runs;
  }

  Optional<Map<String, Object>> run(String runId) {
    List<Map<String, Object>> found = new ArrayList<>();
    query("SELECT " + RUN_COLUMNS + ", report_json FROM backtest_runs WHERE run_id = ?", s -> s.setString(1, runId),
        r -> found.add(run(r, true)));
    return found.stream().findFirst();
  }

  List<Curve.Point> equity(String runId) {
    List<Curve.Point> points = new ArrayList<>();
    query("SELECT epoch_us(ts), equity::VARCHAR, drawdown::VARCHAR FROM backtest_equity WHERE run_id = ? ORDER BY ts",
        s -> s.setString(1, runId), r -> points.add(new Curve.Point(r.getLong(1), Fixed.of(r.getString(2)),
            Fixed.of(r.getString(3)))));
    return points;
  }

  long fillCount(String runId) {
    long[] count = {0};
    query("SELECT count(*) FROM backtest_fills WHERE run_id = ?", s -> s.setString(1, runId),
        r -> count[0] = r.getLong(1));
    return count[0];
  }

  List<Fill> fills(String runId, long offset, int limit) {
    List<Fill> fills = new ArrayList<>();
    query("SELECT fill_id, client_order_id, strategy, symbol, side, quantity::VARCHAR, price::VARCHAR, fee::VARCHAR, "
            + "epoch_us(ts) FROM backtest_fills WHERE run_id = ? ORDER BY fill_seq LIMIT ? OFFSET ?",
        s -> {
          s.setString(1, runId);
          s.setInt(2, limit);
          s.setLong(3, offset);
        },
        r -> fills.add(new Fill(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
            Side.valueOf(r.getString(5)), Fixed.of(r.getString(6)), Fixed.of(r.getString(7)),
            Fixed.of(r.getString(8)), r.getLong(9))));
    return fills;
  }

  private static Map<String, Object> run(ResultSet r, boolean withReport) throws SQLException {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("runId", r.getString(1));
    run.put("sweepId", r.getString(2));
    run.put("kind", "run");
    run.put("status", BacktestRuns.Status.DONE.name());
    run.put("progress", 1.0);
    run.put("createdMicros", r.getLong(3));
    run.put("createdAt", instant(r.getLong(3)));
    run.put("source", r.getString(4));
    run.put("fromMicros", r.getLong(5));
    run.put("toMicros", r.getLong(6));
    run.put("ticks", r.getLong(7));
    run.put("strategies", ReportJson.tree(r.getString(8)));
    run.put("initialCash", Fixed.of(r.getString(9)).toString());
    run.put("finalEquity", Fixed.of(r.getString(10)).toString());
    run.put("totalReturn", doubleOrNull(r, 11));
    run.put("annualizedReturn", doubleOrNull(r, 12));
    run.put("sharpe", doubleOrNull(r, 13));
    run.put("sortino", doubleOrNull(r, 14));
    run.put("maxDrawdown", Fixed.of(r.getString(15)).toString());
    run.put("maxDrawdownMicros", r.getLong(16));
    run.put("fills", r.getLong(17));
    run.put("fees", Fixed.of(r.getString(18)).toString());
    run.put("fillsHash", r.getString(19));
    run.put("wallMillis", r.getLong(20));
    if (withReport) {
      run.put("report", ReportJson.tree(r.getString(21)));
    }
    return run;
  }

  static String instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L)
        .toString();
  }

  private static Double doubleOrNull(ResultSet r, int column) throws SQLException {
    double value = r.getDouble(column);
    return r.wasNull() ? null : value;
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  private void query(String sql, Binder binder, RowReader reader) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          reader.read(rows);
        }
      }
    } catch (SQLException e) {
      throw new StorageException(StorageErrorCode.QUERY_FAILED, "cannot read stored backtests: "
          + StorageException.oneLine(e.getMessage()), e);
    }
  }
}
