package io.tradingrt.storage.schema;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.TimeInForce;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The row layouts of {@code orders} and {@code trades} (and their {@code _stage} copies), written once: the column
 * lists in table order, how a record becomes a row (for the appender and for a prepared INSERT alike) and how a
 * selected row becomes a record again. {@code ts} travels as epoch µs. Columns added by later migrations come after
 * {@code ts}, in table order, so the stages' {@code INSERT … SELECT *} keeps matching.
 */
public final class TradingRows {
  public static final List<String> ORDER_COLUMNS = List.of("event_seq", "client_order_id", "strategy", "symbol",
      "side", "order_type", "status", "quantity", "limit_price", "filled_quantity", "avg_fill_price", "reason_code",
      "message", "ts", "time_in_force", "remaining_quantity");
  public static final List<String> FILL_COLUMNS = List.of("fill_id", "client_order_id", "strategy", "symbol", "side",
      "quantity", "price", "fee", "ts", "fill_seq");

  /** The select list {@link #order(ResultSet)} reads. */
  public static final String ORDER_SELECT = select(ORDER_COLUMNS);
  /** The select list {@link #fill(ResultSet)} reads. */
  public static final String FILL_SELECT = select(FILL_COLUMNS);
  /** Idempotent by the primary key: a redelivered event stores nothing. */
  public static final String INSERT_ORDER = insert("orders", ORDER_COLUMNS);
  /** Idempotent by fill id. */
  public static final String INSERT_FILL = insert("trades", FILL_COLUMNS);

  /** One row's values in column order, for a DuckDB appender or a prepared statement. */
  public interface Row {
    void string(String value) throws SQLException;

    void nullableString(String value) throws SQLException;

    void integer(long value) throws SQLException;

    void decimal(Fixed value) throws SQLException;

    void nullableDecimal(Fixed value) throws SQLException;

    void epochMicros(long micros) throws SQLException;
  }

  private TradingRows() {
  }

  /** Writes one order event, stored with {@code eventSeq}, in {@link #ORDER_COLUMNS} order. */
  public static void order(Row row, long eventSeq, OrderEvent e) throws SQLException {
    row.integer(eventSeq);
    row.string(e.clientOrderId());
    row.string(e.strategy());
    row.string(e.symbol());
    row.string(e.side().name());
    row.string(e.type().name());
    row.string(e.status().name());
    row.decimal(e.quantity());
    row.nullableDecimal(e.limitPrice());
    row.decimal(e.filledQuantity());
    row.decimal(e.avgFillPrice());
    row.nullableString(e.reasonCode() == null ? null : e.reasonCode().code());
    row.nullableString(e.message());
    row.epochMicros(e.tsMicros());
    row.string(e.timeInForce().name());
    row.decimal(e.remainingQuantity());
  }

  /** Writes one fill, stored with {@code fillSeq} (the fold order of a rebuild), in {@link #FILL_COLUMNS} order. */
  public static void fill(Row row, long fillSeq, Fill f) throws SQLException {
    row.string(f.fillId());
    row.string(f.clientOrderId());
    row.string(f.strategy());
    row.string(f.symbol());
    row.string(f.side().name());
    row.decimal(f.quantity());
    row.decimal(f.price());
    row.decimal(f.fee());
    row.epochMicros(f.tsMicros());
    row.integer(fillSeq);
  }

  /** Reads a row selected with {@link #ORDER_SELECT}. */
  public static StoredOrderEvent order(ResultSet r) throws SQLException {
    // rows stored before V7 have no time in force; the runtime sent DAY orders only then
    String tif = r.getString(15);
    OrderEvent event = new OrderEvent(r.getString(2), r.getString(3), r.getString(4), Side.valueOf(r.getString(5)),
        OrderType.valueOf(r.getString(6)), tif == null ? TimeInForce.DAY : TimeInForce.valueOf(tif),
        OrderStatus.valueOf(r.getString(7)), Rows.fixed(r, 8), Rows.fixed(r, 9), Rows.fixed(r, 10), Rows.fixed(r, 11),
        reasonCode(r.getString(12)), r.getString(13), r.getLong(14));
    return new StoredOrderEvent(r.getLong(1), event);
  }

  /** The stored code (its name); an unknown one, written by a newer version, fails the query with its name. */
  private static ReasonCode reasonCode(String stored) {
    return stored == null ? null : ReasonCode.parse(stored);
  }

  /** Reads a row selected with {@link #FILL_SELECT}. */
  public static Fill fill(ResultSet r) throws SQLException {
    return new Fill(r.getString(1), r.getString(2), r.getString(3), r.getString(4), Side.valueOf(r.getString(5)),
        Rows.fixed(r, 6), Rows.fixed(r, 7), Rows.fixed(r, 8), r.getLong(9));
  }

  private static String select(List<String> columns) {
    return columns.stream().map(c -> c.equals("ts") ? "epoch_us(ts) AS ts_us" : c).collect(Collectors.joining(", "));
  }

  private static String insert(String table, List<String> columns) {
    String values = columns.stream().map(c -> c.equals("ts") ? "make_timestamp(?)" : "?")
        .collect(Collectors.joining(", "));
    return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (" + values
        + ") ON CONFLICT DO NOTHING";
  }
}
