package io.tradingrt.storage.writer;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.JournalEntry;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.Position;
import io.tradingrt.storage.schema.RowAppenders;
import io.tradingrt.storage.schema.TradingRows;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

/**
 * Prepared, idempotent statements for the rare rows that must be durable one by one. A DuckDB statement closes
 * itself after a failed execute, so after any error the whole set is closed and prepared again on next use.
 */
final class TradingStatements implements AutoCloseable {

  // An older position update arriving late must not overwrite a newer one.
  private static final String UPSERT_POSITION = "INSERT INTO positions (symbol, quantity, avg_price, realized_pnl, "
      + "unrealized_pnl, last_price, ts) VALUES (?, ?, ?, ?, ?, ?, make_timestamp(?)) ON CONFLICT (symbol) DO UPDATE "
      + "SET quantity = excluded.quantity, avg_price = excluded.avg_price, realized_pnl = excluded.realized_pnl, "
      + "unrealized_pnl = excluded.unrealized_pnl, last_price = excluded.last_price, ts = excluded.ts "
      + "WHERE excluded.ts >= positions.ts";

  private static final String INSERT_JOURNAL = "INSERT INTO trading_journal (entry_seq, entry_id, kind, command, "
      + "actor, state_from, state_to, reason_code, message, amount, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      + "make_timestamp(?)) ON CONFLICT DO NOTHING";

  private final Connection connection;
  private PreparedStatement order;
  private PreparedStatement fill;
  private PreparedStatement position;
  private PreparedStatement journal;
  private long nextEventSeq = -1;
  private long nextFillSeq = -1;
  private long nextEntrySeq = -1;

  TradingStatements(Connection connection) {
    this.connection = connection;
  }

  /** Below this many rows one prepared INSERT each is cheaper than staging. */
  private static final int STAGE_FROM = 8;

  /**
   * Stores order events, skipping ones stored before; returns how many were new. Large groups go through the
   * appender into {@code orders_stage} and one INSERT … ON CONFLICT DO NOTHING (V4): per-row INSERTs run at ~4 K
   * rows/s, which would starve the tick writes behind them.
   */
  int insertOrderEvents(List<OrderEvent> events) throws SQLException {
    if (events.size() < STAGE_FROM) {
      int inserted = 0;
      for (OrderEvent event : events) {
        inserted += insertOrderEvent(event) ? 1 : 0;
      }
      return inserted;
    }
    if (nextEventSeq < 0) {
      nextEventSeq = maxSeq("event_seq", "orders") + 1;
    }
    try (DuckDBAppender stage = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA,
        "orders_stage")) {
      long seq = nextEventSeq;
      TradingRows.Row row = RowAppenders.row(stage);
      for (OrderEvent e : events) {
        stage.beginRow();
        TradingRows.order(row, seq++, e);
        stage.endRow();
      }
      stage.flush();
    }
    int inserted = moveStage("orders");
    // duplicates leave gaps in event_seq; it only has to rise, for keyset paging
    nextEventSeq += events.size();
    return inserted;
  }

  /** Stores fills, idempotent by fill id; returns how many were new. */
  int insertFills(List<Fill> fills) throws SQLException {
    if (fills.size() < STAGE_FROM) {
      int inserted = 0;
      for (Fill f : fills) {
        inserted += insertFill(f) ? 1 : 0;
      }
      return inserted;
    }
    if (nextFillSeq < 0) {
      nextFillSeq = maxSeq("fill_seq", "trades") + 1;
    }
    try (DuckDBAppender stage = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA,
        "trades_stage")) {
      long seq = nextFillSeq;
      TradingRows.Row row = RowAppenders.row(stage);
      for (Fill f : fills) {
        stage.beginRow();
        TradingRows.fill(row, seq++, f);
        stage.endRow();
      }
      stage.flush();
    }
    int inserted = moveStage("trades");
    nextFillSeq += fills.size();
    return inserted;
  }

  private int moveStage(String table) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      int inserted = statement.executeUpdate("INSERT INTO " + table + " SELECT * FROM " + table
          + "_stage ON CONFLICT DO NOTHING");
      statement.executeUpdate("DELETE FROM " + table + "_stage");
      return inserted;
    }
  }

  /** Returns true when the event was new, false when it had been stored before. */
  boolean insertOrderEvent(OrderEvent event) throws SQLException {
    if (order == null) {
      order = connection.prepareStatement(TradingRows.INSERT_ORDER);
    }
    if (nextEventSeq < 0) {
      nextEventSeq = maxSeq("event_seq", "orders") + 1;
    }
    TradingRows.order(new StatementRow(order), nextEventSeq, event);
    boolean inserted = order.executeUpdate() == 1;
    if (inserted) {
      nextEventSeq++;
    }
    return inserted;
  }

  boolean insertFill(Fill f) throws SQLException {
    if (fill == null) {
      fill = connection.prepareStatement(TradingRows.INSERT_FILL);
    }
    if (nextFillSeq < 0) {
      nextFillSeq = maxSeq("fill_seq", "trades") + 1;
    }
    TradingRows.fill(new StatementRow(fill), nextFillSeq, f);
    boolean inserted = fill.executeUpdate() == 1;
    if (inserted) {
      nextFillSeq++;
    }
    return inserted;
  }

  /** Idempotent by entry id; returns true when the entry was new. */
  boolean insertJournalEntry(JournalEntry e) throws SQLException {
    if (journal == null) {
      journal = connection.prepareStatement(INSERT_JOURNAL);
    }
    if (nextEntrySeq < 0) {
      nextEntrySeq = maxSeq("entry_seq", "trading_journal") + 1;
    }
    journal.setLong(1, nextEntrySeq);
    journal.setString(2, e.entryId());
    journal.setString(3, e.kind().name());
    journal.setString(4, e.command() == null ? null : e.command().name());
    journal.setString(5, e.actor());
    journal.setString(6, e.from() == null ? null : e.from().name());
    journal.setString(7, e.to() == null ? null : e.to().name());
    journal.setString(8, e.reasonCode() == null ? null : e.reasonCode().code());
    journal.setString(9, e.message());
    if (e.amount() == null) {
      journal.setNull(10, Types.DECIMAL);
    } else {
      journal.setBigDecimal(10, e.amount().toBigDecimal());
    }
    journal.setLong(11, e.tsMicros());
    boolean inserted = journal.executeUpdate() == 1;
    if (inserted) {
      nextEntrySeq++;
    }
    return inserted;
  }

  void upsertPosition(Position p) throws SQLException {
    if (position == null) {
      position = connection.prepareStatement(UPSERT_POSITION);
    }
    position.setString(1, p.symbol());
    position.setBigDecimal(2, decimal(p.quantity()));
    position.setBigDecimal(3, decimal(p.avgPrice()));
    position.setBigDecimal(4, decimal(p.realizedPnl()));
    position.setBigDecimal(5, decimal(p.unrealizedPnl()));
    position.setBigDecimal(6, decimal(p.lastPrice()));
    position.setLong(7, p.tsMicros());
    position.executeUpdate();
  }

  /** After a rollback the in-memory sequences may be ahead of the tables: read them again. */
  void reset() {
    close();
    nextEventSeq = -1;
    nextFillSeq = -1;
    nextEntrySeq = -1;
  }

  @Override
  public void close() {
    for (PreparedStatement statement : new PreparedStatement[] {order, fill, position, journal}) {
      if (statement != null) {
        try {
          statement.close();
        } catch (SQLException ignored) {
          // already closed by DuckDB after a failed execute
        }
      }
    }
    order = null;
    fill = null;
    position = null;
    journal = null;
  }

  private long maxSeq(String column, String table) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery("SELECT coalesce(max(" + column + "), 0) FROM " + table)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static java.math.BigDecimal decimal(Fixed value) {
    return value.toBigDecimal();
  }

  /** Sets the parameters of a prepared INSERT in column order; BigDecimal keeps DuckDB's own range check. */
  private static final class StatementRow implements TradingRows.Row {
    private final PreparedStatement statement;
    private int index;

    StatementRow(PreparedStatement statement) {
      this.statement = statement;
    }

    @Override
    public void string(String value) throws SQLException {
      statement.setString(++index, value);
    }

    @Override
    public void nullableString(String value) throws SQLException {
      statement.setString(++index, value);
    }

    @Override
    public void integer(long value) throws SQLException {
      statement.setLong(++index, value);
    }

    @Override
    public void decimal(Fixed value) throws SQLException {
      statement.setBigDecimal(++index, value.toBigDecimal());
    }

    @Override
    public void nullableDecimal(Fixed value) throws SQLException {
      if (value == null) {
        statement.setNull(++index, Types.DECIMAL);
      } else {
        decimal(value);
      }
    }

    @Override
    public void epochMicros(long micros) throws SQLException {
      statement.setLong(++index, micros);
    }
  }
}
