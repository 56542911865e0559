package io.tradingrt.storage.schema;

import io.tradingrt.codecs.Bar;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.MetricsSnapshot;
import io.tradingrt.codecs.PortfolioSnapshot;
import io.tradingrt.codecs.Tick;
import org.duckdb.DuckDBAppender;

import java.sql.SQLException;

/** One row of each bulk table, in column order; DECIMAL(18,8) takes the Fixed raw value as is. */
public final class RowAppenders {

  private RowAppenders() {
  }

  public static void tick(DuckDBAppender appender, Tick tick) throws SQLException {
    appender.beginRow();
    appender.appendEpochMicros(tick.tsMicros());
    appender.append(tick.symbol());
    fixed(appender, tick.bid());
    fixed(appender, tick.ask());
    fixed(appender, tick.bidSize());
    fixed(appender, tick.askSize());
    fixed(appender, tick.last());
    fixed(appender, tick.lastSize());
    appender.append(tick.seq());
    appender.endRow();
  }

  public static void bar(DuckDBAppender appender, Bar bar) throws SQLException {
    appender.beginRow();
    appender.append(bar.symbol());
    appender.append(bar.timeframe());
    appender.appendEpochMicros(bar.startMicros());
    fixed(appender, bar.open());
    fixed(appender, bar.high());
    fixed(appender, bar.low());
    fixed(appender, bar.close());
    fixed(appender, bar.volume());
    fixed(appender, bar.vwap());
    appender.append(bar.tradeCount());
    appender.endRow();
  }

  public static void portfolio(DuckDBAppender appender, PortfolioSnapshot snapshot) throws SQLException {
    appender.beginRow();
    appender.appendEpochMicros(snapshot.tsMicros());
    fixed(appender, snapshot.cash());
    fixed(appender, snapshot.equity());
    fixed(appender, snapshot.realizedPnl());
    fixed(appender, snapshot.unrealizedPnl());
    fixed(appender, snapshot.fees());
    fixed(appender, snapshot.grossExposure());
    fixed(appender, snapshot.netExposure());
    fixed(appender, snapshot.peakEquity());
    fixed(appender, snapshot.drawdown());
    appender.append(snapshot.positions().size());
    appender.endRow();
  }

  public static void metrics(DuckDBAppender appender, MetricsSnapshot m) throws SQLException {
    appender.beginRow();
    appender.appendEpochMicros(m.tsMicros());
    appender.append(m.ticksTotal());
    appender.append(m.ticksPerSecond());
    appender.append(m.signalsTotal());
    appender.append(m.ordersTotal());
    appender.append(m.ordersDenied());
    appender.append(m.fillsTotal());
    fixed(appender, m.equity());
    fixed(appender, m.realizedPnl());
    fixed(appender, m.unrealizedPnl());
    fixed(appender, m.drawdown());
    appender.append(m.tradingState().name());
    appender.append(m.tickToTradeP50Micros());
    appender.append(m.tickToTradeP99Micros());
    appender.append(m.writerQueueDepth());
    appender.append(m.writerDropped());
    appender.append(m.heapUsedBytes());
    appender.append(m.heapMaxBytes());
    appender.append(m.cpuPermille());
    appender.append(m.inRuntimeP50Micros());
    appender.append(m.inRuntimeP99Micros());
    appender.endRow();
  }

  public static void log(DuckDBAppender appender, LogEntry entry) throws SQLException {
    appender.beginRow();
    appender.appendEpochMicros(entry.tsMicros());
    appender.append(entry.level());
    appender.append(entry.logger());
    appender.append(entry.thread());
    appender.append(entry.message());
    appender.append(entry.error());
    appender.endRow();
  }

  /** A {@link TradingRows.Row} that appends to {@code appender}; the caller begins and ends the row. */
  public static TradingRows.Row row(DuckDBAppender appender) {
    return new TradingRows.Row() {
      @Override
      public void string(String value) throws SQLException {
        appender.append(value);
      }

      @Override
      public void nullableString(String value) throws SQLException {
        if (value == null) {
          appender.appendNull();
        } else {
          appender.append(value);
        }
      }

      @Override
      public void integer(long value) throws SQLException {
        appender.append(value);
      }

      @Override
      public void decimal(Fixed value) throws SQLException {
        fixed(appender, value);
      }

      @Override
      public void nullableDecimal(Fixed value) throws SQLException {
        if (value == null) {
          appender.appendNull();
        } else {
          fixed(appender, value);
        }
      }

      @Override
      public void epochMicros(long micros) throws SQLException {
        appender.appendEpochMicros(micros);
      }
    };
  }

  /** DECIMAL(18,8) holds |raw| < 10^18, Fixed more; the appender does not check, so an INSERT would fail later. */
  private static final long MAX_DECIMAL_RAW = 999_999_999_999_999_999L;

  /** Appends a Fixed as DECIMAL(18,8), refusing what the column cannot hold like DuckDB's own cast does. */
  public static void fixed(DuckDBAppender appender, Fixed value) throws SQLException {
    long raw = value.raw();
    if (raw > MAX_DECIMAL_RAW || raw < -MAX_DECIMAL_RAW) {
      throw new SQLException("Conversion Error: " + value + " does not fit DECIMAL(18,8): value is out of range!");
    }
    appender.appendDecimal(raw);
  }
}
