package io.tradingrt.backtest;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.config.StrategySettings;
import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.storage.database.Sql;
import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;
import io.tradingrt.storage.schema.RowAppenders;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Stores finished runs in the runtime's database (tables of migration V9): the run row with its headline figures and
 * report JSON, its fills and its curve, all of one run in one transaction. Fills and curve points go through the
 * appender, as every bulk row here does.
 */
public final class BacktestStore {
  private final DuckDBConnection connection;

  public BacktestStore(DuckDBConnection connection) {
    this.connection = connection;
  }

  /** One run: what identifies it beside the result. */
  public record Run(String runId, String sweepId, long createdMicros, long fromMicros, long toMicros,
                    List<StrategySettings> strategies, long wallMillis) {
  }

  public void save(Run run, BacktestResult result) {
    try {
      Sql.execute(connection, "BEGIN");
      try {
        insertRun(run, result);
        appendFills(run.runId(), result.fills());
        appendCurve(run.runId(), result.curve());
        Sql.execute(connection, "COMMIT");
      } catch (SQLException | RuntimeException e) {
        Sql.rollbackQuietly(connection);
        throw e;
      }
    } catch (SQLException e) {
      throw new StorageException(StorageErrorCode.QUERY_FAILED, "cannot store backtest " + run.runId() + ": "
          + e.getMessage(), e);
    }
  }

  private void insertRun(Run run, BacktestResult result) throws SQLException {
    Figures total = result.total();
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO backtest_runs VALUES (?, ?, "
        + "make_timestamp(?), ?, make_timestamp(?), make_timestamp(?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, run.runId());
      insert.setString(2, run.sweepId());
      insert.setLong(3, run.createdMicros());
      insert.setString(4, result.source());
      // an open range is stored as the span the ticks covered
      insert.setLong(5, run.fromMicros() == Long.MIN_VALUE ? result.firstMicros() : run.fromMicros());
      insert.setLong(6, run.toMicros() == Long.MAX_VALUE ? result.lastMicros() : run.toMicros());
      insert.setLong(7, result.ticks());
      insert.setString(8, ContractJson.write(run.strategies()));
      insert.setBigDecimal(9, total.initialCash().toBigDecimal());
      insert.setBigDecimal(10, total.finalEquity().toBigDecimal());
      setDouble(insert, 11, total.totalReturn());
      setDouble(insert, 12, total.annualizedReturn());
      setDouble(insert, 13, total.sharpe());
      setDouble(insert, 14, total.sortino());
      insert.setBigDecimal(15, total.maxDrawdown().toBigDecimal());
      insert.setLong(16, total.maxDrawdownMicros());
      insert.setLong(17, result.fills().size());
      insert.setBigDecimal(18, total.fees().toBigDecimal());
      insert.setString(19, result.fillsHash());
      insert.setLong(20, run.wallMillis());
      insert.setString(21, ReportJson.report(result));
      insert.executeUpdate();
    }
  }

  private void appendFills(String runId, List<Fill> fills) throws SQLException {
    try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "backtest_fills")) {
      long seq = 0;
      for (Fill f : fills) {
        appender.beginRow();
        appender.append(runId);
        appender.append(++seq);
        appender.append(f.fillId());
        appender.append(f.clientOrderId());
        appender.append(f.strategy());
        appender.append(f.symbol());
        appender.append(f.side().name());
        decimal(appender, f.quantity());
        decimal(appender, f.price());
        decimal(appender, f.fee());
        appender.appendEpochMicros(f.tsMicros());
        appender.endRow();
      }
    }
  }

  private void appendCurve(String runId, Curve curve) throws SQLException {
    try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "backtest_equity")) {
      for (Curve.Point p : curve.points()) {
        appender.beginRow();
        appender.append(runId);
        appender.appendEpochMicros(p.tsMicros());
        decimal(appender, p.equity());
        decimal(appender, p.drawdown());
        appender.endRow();
      }
    }
  }

  private static void decimal(DuckDBAppender appender, Fixed value) throws SQLException {
    RowAppenders.fixed(appender, value);
  }

  private static void setDouble(PreparedStatement statement, int index, Double value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.DOUBLE);
    } else {
      statement.setDouble(index, value);
    }
  }
}
