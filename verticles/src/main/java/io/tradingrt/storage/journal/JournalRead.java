package io.tradingrt.storage.journal;

import io.tradingrt.codecs.ControlCommand;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.JournalEntry;
import io.tradingrt.codecs.JournalImage;
import io.tradingrt.codecs.JournalKind;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.TradingState;
import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;
import io.tradingrt.storage.schema.Rows;
import io.tradingrt.storage.schema.TradingRows;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Reads the journal for a rebuild, on the writer's connection between commits, so the image holds exactly what was
 * committed and nothing half-written. Starting a run is a journal entry of its own ({@link #startRun}).
 */
public final class JournalRead {

  /** Enough recent ids that a client's resubmission across a restart is still seen as a duplicate. */
  public static final int RECENT_ORDER_IDS = 200_000;

  private static final String ENTRY_SELECT = "entry_id, kind, command, actor, state_from, state_to, reason_code, "
      + "message, amount, epoch_us(ts)";

  private JournalRead() {
  }

  /** Everything a rebuild needs; {@code runId} is the run the image is for. */
  public static JournalImage image(DuckDBConnection connection, long runId) {
    long started = System.nanoTime();
    // the fills, most of the journal, are read on a second connection while this one reads the rest; nothing
    // commits meanwhile (the caller is the writer), so both read the same committed state
    CompletableFuture<List<Fill>> fillsRead = CompletableFuture.supplyAsync(() -> {
      try (Connection second = connection.duplicate()) {
        return fills(second);
      } catch (SQLException e) {
        throw new CompletionException(e);
      }
    });
    try {
      // in submission order (each order's first event), which is the paper broker's queue priority (V7)
      List<OrderEvent> working = list(connection, "SELECT " + TradingRows.ORDER_SELECT
          + " FROM working_orders ORDER BY first_seq", r -> TradingRows.order(r).event());
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
      List<Fill> fills = fillsRead.join();
      return new JournalImage(runId, entries, (System.nanoTime() - started) / 1_000, fills, working, positions,
          traded, lastState, lastDayRoll, peaks.isEmpty() ? null : peaks.get(0), recentIds);
    } catch (SQLException | CompletionException e) {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      throw new StorageException(StorageErrorCode.QUERY_FAILED, "cannot read the journal: " + cause.getMessage(),
          cause);
    } finally {
      fillsRead.cancel(false);
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

  /**
   * Every fill in commit order. A million fills must read in well under a second, and JDBC's per-value cost
   * decides that: decimals come as raw {@link Fixed} units (no BigDecimal), and the few distinct strategies and
   * symbols as their index in a list read first (a string per value costs ~0.6 µs).
   */
  private static List<Fill> fills(Connection connection) throws SQLException {
    List<String> strategies = list(connection, "SELECT DISTINCT strategy FROM trades ORDER BY 1", r -> r.getString(1));
    List<String> symbols = list(connection, "SELECT DISTINCT symbol FROM trades ORDER BY 1", r -> r.getString(1));
    return list(connection, "SELECT fill_id, client_order_id, " + index("strategy", strategies) + ", "
        + index("symbol", symbols) + ", side = 'BUY', " + raw("quantity") + ", " + raw("price") + ", " + raw("fee")
        + ", epoch_us(ts) FROM trades ORDER BY fill_seq NULLS FIRST, ts, fill_id",
        r -> new Fill(r.getString(1), r.getString(2), strategies.get(r.getInt(3) - 1), symbols.get(r.getInt(4) - 1),
            r.getBoolean(5) ? Side.BUY : Side.SELL, Fixed.ofRaw(r.getLong(6)), Fixed.ofRaw(r.getLong(7)),
            Fixed.ofRaw(r.getLong(8)), r.getLong(9)));
  }

  /** The 1-based position of the column's value in {@code values}, as SQL. */
  private static String index(String column, List<String> values) {
    return "list_position([" + values.stream().map(v -> "'" + v.replace("'", "''") + "'")
        .collect(Collectors.joining(", ")) + "]::VARCHAR[], " + column + ")";
  }

  /** A DECIMAL(18,8) column as its exact count of 1e-8 units. */
  private static String raw(String column) {
    return "(" + column + "::DECIMAL(38,8) * " + Fixed.ONE_RAW + ")::BIGINT";
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
