package io.tradingrt.storage.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradingrt.storage.StorageFixtures;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Needs a real PostgreSQL at env PG_URL, default {@value #DEFAULT_URL}. It fails, never skips, when none answers:
 * .ci/run installs and starts one (see docs/storage.md).
 */
class PostgresImportTest {

  static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=postgres";
  private static final int ROWS = 25_000;

  @TempDir
  Path dir;

  private static Connection connectOrFail() {
    String url = System.getenv().getOrDefault("PG_URL", DEFAULT_URL);
    try {
      DriverManager.setLoginTimeout(10);
      return DriverManager.getConnection(url);
    } catch (SQLException e) {
      throw new AssertionError("no PostgreSQL reachable at " + url.replaceAll("password=[^&]*", "password=***")
          + " (set PG_URL or start the server as docs/storage.md says): " + e.getMessage(), e);
    }
  }

  @Test
  void streamsATimescaleLayoutTableInBatchesWithProgress() throws Exception {
    String table = "storage_import_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    try (Connection pg = connectOrFail()) {
      try (Statement ddl = pg.createStatement()) {
        ddl.execute("CREATE TABLE " + table + " (time TIMESTAMPTZ NOT NULL, symbol TEXT NOT NULL, bid NUMERIC, "
            + "ask NUMERIC, bid_size NUMERIC, ask_size NUMERIC, last NUMERIC, last_size NUMERIC, seq BIGINT)");
        ddl.execute("INSERT INTO " + table + " SELECT timestamptz '2024-03-04 09:30:00+00' + i * interval '1 ms', "
            + "CASE WHEN i % 2 = 0 THEN 'AAPL' ELSE 'MSFT' END, 100 + i * 0.00000001, 100.01 + i * 0.00000001, "
            + "i % 1000, 7, 100.005 + (i % 997) * 0.01, (i % 13) * 0.5, i FROM generate_series(1, " + ROWS + ") i");
      }
      String expected = sums(pg, "SELECT count(*)::text, sum(seq)::text, sum(last)::text, sum(last_size)::text, "
          + "min(extract(epoch FROM time) * 1000000)::bigint::text FROM " + table);
      try (DuckDBConnection duck = StorageFixtures.openMigrated(dir.resolve("pg.duckdb"))) {
        List<long[]> progress = new ArrayList<>();
        Importer.Result result = new Importer(duck).fromPostgres(pg, table, 10_000,
            (done, total) -> progress.add(new long[] {done, total}));
        assertEquals(ROWS, result.rows());
        assertEquals(List.of(10_000L, 20_000L, 25_000L), progress.stream().map(p -> p[0]).toList());
        assertTrue(progress.stream().allMatch(p -> p[1] == ROWS), "the total is known up front");
        String actual = sums(duck, "SELECT count(*)::VARCHAR, sum(seq)::VARCHAR, sum(last)::VARCHAR, "
            + "sum(last_size)::VARCHAR, min(epoch_us(ts))::VARCHAR FROM market_ticks");
        assertEquals(normalise(expected), normalise(actual));
      } finally {
        pg.setAutoCommit(true);
        try (Statement drop = pg.createStatement()) {
          drop.execute("DROP TABLE IF EXISTS " + table);
        }
      }
    }
  }

  private static String sums(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      result.next();
      List<String> values = new ArrayList<>();
      for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
        values.add(result.getString(i));
      }
      return String.join("|", values);
    }
  }

  /** Compares decimals by value: PostgreSQL and DuckDB print different scales. */
  private static String normalise(String row) {
    List<String> out = new ArrayList<>();
    for (String value : row.split("\\|")) {
      out.add(new java.math.BigDecimal(value).stripTrailingZeros().toPlainString());
    }
    return String.join("|", out);
  }
}
