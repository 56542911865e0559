package io.tradingrt.storage;

import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBAppender;
import java.util.List;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.Position;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * Prepared, idempotent statements for the rare rows that must be durable one by one. A DuckDB statement closes
 * itself after a failed execute, so after any error the whole set is closed and prepared again on next use.
 */
final class TradingStatements implements AutoCloseable {

  private static final String INSERT_ORDER = "INSERT INTO orders (event_seq, client_order_id, strategy, symbol, side, "
      + "order_type, status, quantity, limit_price, filled_quantity, avg_fill_price, reason_code, message, ts) "
      + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, make_timestamp(?)) ON CONFLICT DO NOTHING";
  private static final String INSERT_FILL = "INSERT INTO trades (fill_id, client_order_id, strategy, symbol, side, "
      + "quantity, price, fee, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, make_timestamp(?)) ON CONFLICT DO NOTHING";
  // An older position update arriving late must not overwrite a newer one.
  private static final String UPSERT_POSITION = "INSERT INTO positions (symbol, quantity, avg_price, realized_pnl, "
      + "unrealized_pnl, last_price, ts) VALUES (?, ?, ?, ?, ?, ?, make_timestamp(?)) ON CONFLICT (symbol) DO UPDATE "
      + "SET quantity = excluded.quantity, avg_price = excluded.avg_price, realized_pnl = excluded.realized_pnl, "
      + "unrealized_pnl = excluded.unrealized_pnl, last_price = excluded.last_price, ts = excluded.ts "
      + "WHERE excluded.ts >= positions.ts";

  private final Connection connection;
  private PreparedStatement order;
  private PreparedStatement fill;
  private PreparedStatement position;
  private long nextEventSeq = -1;

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
      nextEventSeq = maxEventSeq() + 1;
    }
    try (DuckDBAppender stage = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA,
        "orders_stage")) {
      long seq = nextEventSeq;
      for (OrderEvent e : events) {
        stage.beginRow();
        stage.append(seq++);
        stage.append(e.clientOrderId());
        stage.append(e.strategy());
        stage.append(e.symbol());
        stage.append(e.side().name());
        stage.append(e.type().name());
        stage.append(e.status().name());
        RowAppenders.fixed(stage, e.quantity());
        if (e.limitPrice() == null) {
          stage.appendNull();
        } else {
          RowAppenders.fixed(stage, e.limitPrice());
        }
        RowAppenders.fixed(stage, e.filledQuantity());
        RowAppenders.fixed(stage, e.avgFillPrice());
        nullable(stage, e.reasonCode() == null ? null : e.reasonCode().code());
        nullable(stage, e.message());
        stage.appendEpochMicros(e.tsMicros());
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
    try (DuckDBAppender stage = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA,
        "trades_stage")) {
      for (Fill f : fills) {
        stage.beginRow();
        stage.append(f.fillId());
        stage.append(f.clientOrderId());
        stage.append(f.strategy());
        stage.append(f.symbol());
        stage.append(f.side().name());
        RowAppenders.fixed(stage, f.quantity());
        RowAppenders.fixed(stage, f.price());
        RowAppenders.fixed(stage, f.fee());
        stage.appendEpochMicros(f.tsMicros());
        stage.endRow();
      }
      stage.flush();
    }
    return moveStage("trades");
  }

  private int moveStage(String table) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      int inserted = statement.executeUpdate("INSERT INTO " + table + " SELECT * FROM " + table
          + "_stage ON CONFLICT DO NOTHING");
      statement.executeUpdate("DELETE FROM " + table + "_stage");
      return inserted;
    }
  }

  private static void nullable(DuckDBAppender appender, String value) throws SQLException {
    if (value == null) {
      appender.appendNull();
    } else {
      appender.append(value);
    }
  }

  /** Returns true when the event was new, false when it had been stored before. */
  boolean insertOrderEvent(OrderEvent event) throws SQLException {
    if (order == null) {
      order = connection.prepareStatement(INSERT_ORDER);
    }
    if (nextEventSeq < 0) {
      nextEventSeq = maxEventSeq() + 1;
    }
    order.setLong(1, nextEventSeq);
    order.setString(2, event.clientOrderId());
    order.setString(3, event.strategy());
    order.setString(4, event.symbol());
    order.setString(5, event.side().name());
    order.setString(6, event.type().name());
    order.setString(7, event.status().name());
    order.setBigDecimal(8, event.quantity().toBigDecimal());
    if (event.limitPrice() == null) {
      order.setNull(9, Types.DECIMAL);
    } else {
      order.setBigDecimal(9, event.limitPrice().toBigDecimal());
    }
    order.setBigDecimal(10, event.filledQuantity().toBigDecimal());
    order.setBigDecimal(11, event.avgFillPrice().toBigDecimal());
    order.setString(12, event.reasonCode() == null ? null : event.reasonCode().code());
    order.setString(13, event.message());
    order.setLong(14, event.tsMicros());
    boolean inserted = order.executeUpdate() == 1;
    if (inserted) {
      nextEventSeq++;
    }
    return inserted;
  }

  boolean insertFill(Fill f) throws SQLException {
    if (fill == null) {
      fill = connection.prepareStatement(INSERT_FILL);
    }
    fill.setString(1, f.fillId());
    fill.setString(2, f.clientOrderId());
    fill.setString(3, f.strategy());
    fill.setString(4, f.symbol());
    fill.setString(5, f.side().name());
    fill.setBigDecimal(6, f.quantity().toBigDecimal());
    fill.setBigDecimal(7, f.price().toBigDecimal());
    fill.setBigDecimal(8, f.fee().toBigDecimal());
    fill.setLong(9, f.tsMicros());
    return fill.executeUpdate() == 1;
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

  /** After a rollback the in-memory sequence may be ahead of the table: read it again. */
  void reset() {
    close();
    nextEventSeq = -1;
  }

  @Override
  public void close() {
    for (PreparedStatement statement : new PreparedStatement[] {order, fill, position}) {
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
  }

  private long maxEventSeq() throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery("SELECT coalesce(max(event_seq), 0) FROM orders")) {
      result.next();
      return result.getLong(1);
    }
  }

  private static java.math.BigDecimal decimal(Fixed value) {
    return value.toBigDecimal();
  }
}
