package io.tradingrt.storage.journal;

import io.tradingrt.codecs.ControlCommand;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.JournalEntry;
import io.tradingrt.codecs.JournalImage;
import io.tradingrt.codecs.JournalKind;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.TradingState;
import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;
import io.tradingrt.storage.schema.Rows;
import io.tradingrt.storage.schema.TradingRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the journal for a rebuild, on the writer's connection between commits, so the image holds exactly what was
 * committed and nothing half-written. Starting a run is a journal entry of its own ({@link #startRun}).
 */
public final class JournalRead {

  /** Enough recent ids that a client's resubmission across a restart is still seen as a duplicate. */
  public static final int RECENT_ORDER_IDS = 200_000;

  private static final String TERMINAL = Arrays.stream(OrderStatus.values()).filter(OrderStatus::isTerminal)
      .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
  private static final String ENTRY_SELECT = "entry_id, kind, command, actor, state_from, state_to, reason_code, "
      + "message, amount, epoch_us(ts)";

  private JournalRead() {
  }

  /** Everything a rebuild needs; {@code runId} is the run the image is for. */
  public static JournalImage image(Connection connection, long runId) {
    long started = System.nanoTime();
    try {
      List<Fill> fills = list(connection, "SELECT " + TradingRows.FILL_SELECT
          + " FROM trades ORDER BY fill_seq NULLS FIRST, ts, fill_id", TradingRows::fill);
      // in submission order (each order's first event), which is the paper broker's queue priority
      List<OrderEvent> working = list(connection, "SELECT " + TradingRows.ORDER_SELECT
          + " FROM latest_orders JOIN (SELECT client_order_id, min(event_seq) AS first_seq FROM orders "
          + "GROUP BY client_order_id) USING (client_order_id) WHERE status NOT IN (" + TERMINAL + ") ORDER BY first_seq",
          r -> TradingRows.order(r).event());
      List<Position> positions = list(connection, "SELECT " + Rows.POSITION_COLUMNS + " FROM positions ORDER BY symbol",
          Rows::position);
      Map<String, Fixed> traded = new LinkedHashMap<>();
      for (Object[] row : list(connection, "SELECT symbol, sum(CASE side WHEN 'BUY' THEN quantity ELSE -quantity END) "
          + "FROM trades GROUP BY symbol ORDER BY symbol", r -> new Object[] {r.getString(1), Rows.fixed(r, 2)})) {
        traded.put((String) row[0], (Fixed) row[1]);
      }
      JournalEntry lastState = last(connection, JournalKind.STATE_CHANGE);
      JournalEntry lastDayRoll = last(connection, JournalKind.DAY_ROLL);
      List<Fixed> peaks = list(connection, "SELECT peak_equity FROM portfolio_snapshots ORDER BY ts DESC LIMIT 1",
          r -> Rows.fixed(r, 1));
      List<String> recentIds = list(connection, "SELECT client_order_id FROM (SELECT client_order_id, "
          + "max(event_seq) AS last_seq FROM orders GROUP BY client_order_id ORDER BY last_seq DESC LIMIT "
          + RECENT_ORDER_IDS + ") ORDER BY last_seq", r -> r.getString(1));
      long entries = single(connection, "SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM trades) "
          + "+ (SELECT count(*) FROM trading_journal)");
      return new JournalImage(runId, entries, (System.nanoTime() - started) / 1_000, fills, working, positions,
          traded, lastState, lastDayRoll, peaks.isEmpty() ? null : peaks.get(0), recentIds);
    } catch (SQLException e) {
      throw new StorageException(StorageErrorCode.QUERY_FAILED, "cannot read the journal: " + e.getMessage(), e);
    }
  }

  /** Journals a new run and returns its number: one more than any run before. */
  public static long startRun(Connection connection, long tsMicros) {
    try {
      long run = single(connection, "SELECT coalesce(max(amount), 0)::BIGINT + 1 FROM trading_journal "
          + "WHERE kind = 'RUN_START'");
      long seq = single(connection, "SELECT coalesce(max(entry_seq), 0) + 1 FROM trading_journal");
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO trading_journal (entry_seq, entry_id, "
          + "kind, message, amount, ts) VALUES (?, ?, 'RUN_START', ?, ?, make_timestamp(?))")) {
        insert.setLong(1, seq);
        insert.setString(2, "run/" + run);
        insert.setString(3, "run " + run + " started");
        insert.setBigDecimal(4, java.math.BigDecimal.valueOf(run));
        insert.setLong(5, tsMicros);
        insert.executeUpdate();
      }
      return run;
    } catch (SQLException e) {
      throw new StorageException(StorageErrorCode.QUERY_FAILED, "cannot journal the run start: " + e.getMessage(), e);
    }
  }

  private static JournalEntry last(Connection connection, JournalKind kind) throws SQLException {
    List<JournalEntry> found = list(connection, "SELECT " + ENTRY_SELECT + " FROM trading_journal WHERE kind = '"
        + kind.name() + "' ORDER BY ts DESC, entry_seq DESC LIMIT 1", JournalRead::entry);
    return found.isEmpty() ? null : found.get(0);
  }

  private static JournalEntry entry(ResultSet r) throws SQLException {
    String command = r.getString(3);
    String from = r.getString(5);
    String to = r.getString(6);
    String reason = r.getString(7);
    return new JournalEntry(r.getString(1), JournalKind.valueOf(r.getString(2)),
        command == null ? null : ControlCommand.valueOf(command), r.getString(4),
        from == null ? null : TradingState.valueOf(from), to == null ? null : TradingState.valueOf(to),
        reason == null ? null : ReasonCode.parse(reason), r.getString(8), Rows.fixed(r, 9), r.getLong(10));
  }

  private interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  private static <T> List<T> list(Connection connection, String sql, RowReader<T> reader) throws SQLException {
    List<T> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        rows.add(reader.read(result));
      }
    }
    return rows;
  }

  private static long single(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }
}
