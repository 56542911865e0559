package io.tradingrt.storage.tier;

import io.tradingrt.storage.database.Checksums;
import io.tradingrt.storage.database.Sql;
import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;
import io.tradingrt.time.MicrosClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Moves whole days older than the hot window from DuckDB tables to Parquet and deletes Parquet days older than the
 * cold window. Crash safety rests on one rule: a move's files are visible in the {@code all_*} views only once the
 * move is DONE, and DONE is committed in the same transaction that deletes the moved rows, after verifying that
 * the files hold exactly those rows (count and hash). Any crash before that commit leaves the rows in the table and
 * the files invisible; {@link #recover()} deletes such files. See docs/storage.md.
 *
 * <p>Use one connection of its own (a duplicate) from one thread at a time; it may run beside the writer.
 */
public final class TierManager {

  private static final long DAY_MICROS = 86_400_000_000L;

  private final Connection connection;
  private final TierFiles files;
  private final MicrosClock clock;
  private final Consumer<TierStep> crashHook;

  public TierManager(Connection connection, Path tierPath, MicrosClock clock) {
    this(connection, tierPath, clock, step -> { });
  }

  /** {@code crashHook} runs at each {@link TierStep}; tests throw from it to simulate a crash. */
  public TierManager(Connection connection, Path tierPath, MicrosClock clock, Consumer<TierStep> crashHook) {
    this.connection = connection;
    this.files = new TierFiles(tierPath);
    this.clock = clock;
    this.crashHook = crashHook;
  }

  /** What one run did. */
  public record Report(int moves, long rowsMoved, int coldPartitionsDeleted) {
  }

  /** Call at start, before writing: discards unfinished moves and (re)creates the views over the tier path. */
  public int recover() {
    try {
      Map<Long, String> unfinished = new LinkedHashMap<>();
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT move_id, table_name FROM tier_moves WHERE state = 'EXPORTING' ORDER BY move_id");
           ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          unfinished.put(rows.getLong(1), rows.getString(2));
        }
      }
      for (Map.Entry<Long, String> move : unfinished.entrySet()) {
        files.discardMove(move.getKey(), tierTable(move.getValue()));
        setState(move.getKey(), "ABORTED");
      }
      files.deleteStagingArea();
      refreshViews();
      return unfinished.size();
    } catch (SQLException | IOException | UncheckedIOException e) {
      throw new StorageException(StorageErrorCode.TIER_MOVE_FAILED, "tier recovery failed: " + e.getMessage(), e);
    }
  }

  /** Moves each whole UTC day before (today − hotDays), oldest first; then deletes days before (today − coldDays). */
  public Report run(int hotDays, int coldDays) {
    int moves = 0;
    long rows = 0;
    for (TierTable table : TierTable.values()) {
      for (LocalDate day : daysBefore(table, today().minusDays(hotDays))) {
        rows += moveDay(table, day);
        moves++;
      }
    }
    return new Report(moves, rows, deleteColdPartitions(coldDays));
  }

  /** Moves one day of one table; returns the rows moved. */
  public long moveDay(TierTable table, LocalDate day) {
    long from = day.toEpochDay() * DAY_MICROS;
    long to = from + DAY_MICROS;
    String range = " WHERE ts >= make_timestamp(" + from + ") AND ts < make_timestamp(" + to + ")";
    long moveId;
    try {
      moveId = startMove(table, from, to);
    } catch (SQLException e) {
      throw new StorageException(StorageErrorCode.TIER_MOVE_FAILED, "cannot start a tier move of " + table.table()
          + " " + day + ": " + e.getMessage(), e);
    }
    try {
      Sql.execute(connection, "COPY (SELECT " + table.columns() + ", ts::DATE AS date FROM " + table.table() + range
          + ") TO " + Sql.literal(files.prepareStaging(moveId)) + " (FORMAT PARQUET, COMPRESSION ZSTD, "
          + "PARTITION_BY (date, symbol), FILENAME_PATTERN '" + TierFiles.filePrefix(moveId) + "{i}')");
      crashHook.accept(TierStep.AFTER_EXPORT);
      List<Path> published = files.publish(moveId, table);
      crashHook.accept(TierStep.AFTER_PUBLISH);
      long moved = commitMove(table, moveId, range, published);
      crashHook.accept(TierStep.AFTER_COMMIT);
      return moved;
    } catch (SQLException | IOException | UncheckedIOException | StorageException e) {
      abandon(moveId, table);
      throw new StorageException(StorageErrorCode.TIER_MOVE_FAILED, "tier move " + moveId + " of " + table.table()
          + " " + day + " failed, rows stay in DuckDB: " + e.getMessage(), e);
    }
  }

  /** Hides, then deletes, Parquet days strictly before (today − coldDays); returns the date partitions deleted. */
  public int deleteColdPartitions(int coldDays) {
    LocalDate cutoff = today().minusDays(coldDays);
    try (PreparedStatement expire = connection.prepareStatement("UPDATE tier_moves SET state = 'EXPIRED' "
        + "WHERE state = 'DONE' AND range_to <= make_timestamp(?)")) {
      expire.setLong(1, cutoff.toEpochDay() * DAY_MICROS);
      expire.executeUpdate();
      int deleted = 0;
      for (TierTable table : TierTable.values()) {
        deleted += files.deleteDatesBefore(table, cutoff);
      }
      refreshViews();
      return deleted;
    } catch (SQLException | IOException | UncheckedIOException e) {
      throw new StorageException(StorageErrorCode.TIER_MOVE_FAILED, "cold deletion failed: " + e.getMessage(), e);
    }
  }

  /** Views read the Parquet glob only when files exist: DuckDB refuses a glob that matches nothing. */
  public void refreshViews() throws SQLException, IOException {
    for (TierTable table : TierTable.values()) {
      Sql.execute(connection, viewSql(table, files.hasFiles(table)));
    }
  }

  private String viewSql(TierTable table, boolean withParquet) {
    String hot = "SELECT " + table.columns() + " FROM " + table.table();
    if (!withParquet) {
      return "CREATE OR REPLACE VIEW " + table.view() + " AS " + hot;
    }
    String glob = files.tableDir(table).resolve("*").resolve("*").resolve("*.parquet").toString();
    return "CREATE OR REPLACE VIEW " + table.view() + " AS " + hot + " UNION ALL SELECT " + table.columns()
        + " FROM read_parquet(" + Sql.literal(glob) + ", " + readOptions() + ", filename = true) "
        + "WHERE CAST(regexp_extract(filename, 'move_([0-9]+)_[0-9]+\\.parquet$', 1) AS BIGINT) IN "
        + "(SELECT move_id FROM tier_moves WHERE state = 'DONE' AND table_name = '" + table.table() + "')";
  }

  private static String readOptions() {
    return "hive_partitioning = true, hive_types = {'date': DATE, 'symbol': VARCHAR}";
  }

  private long startMove(TierTable table, long from, long to) throws SQLException {
    long moveId = 1;
    try (PreparedStatement next = connection.prepareStatement("SELECT coalesce(max(move_id), 0) + 1 FROM tier_moves");
         ResultSet result = next.executeQuery()) {
      result.next();
      moveId = result.getLong(1);
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tier_moves (move_id, table_name, "
        + "range_from, range_to, state, started_at) VALUES (?, ?, make_timestamp(?), make_timestamp(?), "
        + "'EXPORTING', make_timestamp(?))")) {
      insert.setLong(1, moveId);
      insert.setString(2, table.table());
      insert.setLong(3, from);
      insert.setLong(4, to);
      insert.setLong(5, clock.nowMicros());
      insert.executeUpdate();
    }
    return moveId;
  }

  /** The commit point: verify, delete, mark DONE and widen the view, all or nothing. */
  private long commitMove(TierTable table, long moveId, String range, List<Path> published)
      throws SQLException, IOException {
    Sql.execute(connection, "BEGIN TRANSACTION");
    try {
      Checksums inTable = Checksums.ofColumns(connection, "(SELECT " + table.columns() + " FROM " + table.table()
          + range + ")", table.columns());
      Checksums inFiles = published.isEmpty() ? new Checksums(0, java.math.BigInteger.ZERO)
          : Checksums.ofColumns(connection, "read_parquet([" + published.stream().map(Sql::literal)
              .collect(Collectors.joining(", ")) + "], " + readOptions() + ")", table.columns());
      if (!inTable.equals(inFiles)) {
        throw new StorageException(StorageErrorCode.TIER_MOVE_FAILED, "exported files hold " + inFiles
            + " but the table holds " + inTable + " for the range (rows arrived meanwhile?)");
      }
      Sql.execute(connection, "DELETE FROM " + table.table() + range);
      try (PreparedStatement done = connection.prepareStatement("UPDATE tier_moves SET state = 'DONE', row_count = ?, "
          + "checksum = ?, finished_at = make_timestamp(?) WHERE move_id = ?")) {
        done.setLong(1, inTable.rows());
        done.setString(2, inTable.hashSum().toString());
        done.setLong(3, clock.nowMicros());
        done.setLong(4, moveId);
        done.executeUpdate();
      }
      Sql.execute(connection, viewSql(table, files.hasFiles(table)));
      Sql.execute(connection, "COMMIT");
      return inTable.rows();
    } catch (SQLException | IOException | RuntimeException e) {
      Sql.rollbackQuietly(connection);
      throw e;
    }
  }

  private void abandon(long moveId, TierTable table) {
    try {
      files.discardMove(moveId, table);
      setState(moveId, "ABORTED");
    } catch (SQLException | IOException | UncheckedIOException ignored) {
      // recover() at the next start finishes the clean-up: the move is still EXPORTING
    }
  }

  private void setState(long moveId, String state) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE tier_moves SET state = ?, finished_at = make_timestamp(?) WHERE move_id = ?")) {
      update.setString(1, state);
      update.setLong(2, clock.nowMicros());
      update.setLong(3, moveId);
      update.executeUpdate();
    }
  }

  private List<LocalDate> daysBefore(TierTable table, LocalDate cutoff) {
    List<LocalDate> days = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT CAST(ts AS DATE) AS day FROM "
        + table.table() + " WHERE ts < make_timestamp(?) ORDER BY day")) {
      select.setLong(1, cutoff.toEpochDay() * DAY_MICROS);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          days.add(rows.getObject(1, LocalDate.class));
        }
      }
    } catch (SQLException e) {
      throw new StorageException(StorageErrorCode.TIER_MOVE_FAILED, "cannot list old days of " + table.table()
          + ": " + e.getMessage(), e);
    }
    return days;
  }

  private LocalDate today() {
    return LocalDate.ofEpochDay(Math.floorDiv(clock.nowMicros(), DAY_MICROS));
  }

  private static TierTable tierTable(String name) {
    for (TierTable table : TierTable.values()) {
      if (table.table().equals(name)) {
        return table;
      }
    }
    throw new IllegalStateException("tier_moves names an unknown table: " + name);
  }
}
