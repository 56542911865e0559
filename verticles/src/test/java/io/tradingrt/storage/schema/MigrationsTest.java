package io.tradingrt.storage.schema;

import static io.tradingrt.storage.StorageFixtures.MONDAY;
import static io.tradingrt.storage.StorageFixtures.count;
import static io.tradingrt.storage.StorageFixtures.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tradingrt.storage.StorageFixtures;
import io.tradingrt.storage.database.DuckDb;
import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;
import io.tradingrt.storage.writer.StorageWriter;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

class MigrationsTest {

  @TempDir
  Path dir;

  @Test
  void freshDatabaseGetsEveryMigrationInOrder() throws Exception {
    try (DuckDBConnection connection = DuckDb.open(dir.resolve("fresh.duckdb"), "256MB", 1)) {
      assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), Migrations.fromClasspath().apply(connection));
      assertEquals("1,2,3,4,5,6,7,8,9", scalar(connection, "SELECT string_agg(version::VARCHAR, ',' ORDER BY version) "
          + "FROM schema_migrations"));
      assertEquals(List.of(), Migrations.fromClasspath().apply(connection), "a second start applies nothing");
      assertEquals(9, Migrations.currentVersion(connection));
    }
  }

  @Test
  void upgradesAVersionOneDatabaseAndKeepsItsData() throws Exception {
    Path file = dir.resolve("old.duckdb");
    try (DuckDBConnection connection = DuckDb.open(file, "256MB", 1)) {
      assertEquals(List.of(1), Migrations.fromClasspath().applyUpTo(connection, 1));
      try (StorageWriter writer = new StorageWriter(connection.duplicate(), () -> MONDAY)) {
        writer.appendTicks(List.of(StorageFixtures.tick("AAPL", MONDAY, "101.5", "3", 1)));
        writer.flush();
      }
      // the V1 layout, written as a V1 runtime wrote it (today's writer needs the V7 columns)
      try (var statement = connection.createStatement()) {
        statement.execute("INSERT INTO orders VALUES (1, 'o-1', 'momentum', 'AAPL', 'BUY', 'LIMIT', "
            + "'PARTIALLY_FILLED', "
            + "10, 101.5, 4, 101.5, NULL, NULL, make_timestamp(" + MONDAY + "))");
        statement.execute("INSERT INTO trades VALUES ('o-1-F1', 'o-1', 'momentum', 'AAPL', 'BUY', 4, 101.5, 0.04, "
            + "make_timestamp(" + MONDAY + "))");
      }
      assertEquals(0, count(connection, "duckdb_views() WHERE view_name = 'latest_orders'"));
    }
    try (DuckDBConnection connection = DuckDb.open(file, "256MB", 1)) {
      assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9), Migrations.fromClasspath().apply(connection));
      assertEquals(9, Migrations.currentVersion(connection));
      assertEquals("DAY 6.00000000", scalar(connection,
          "SELECT time_in_force || ' ' || remaining_quantity FROM orders"),
          "V7 gives old orders their time in force and remaining quantity");
      assertEquals("1", scalar(connection, "SELECT fill_seq FROM trades"), "V7 numbers old fills in time order");
      assertEquals(1, count(connection, "latest_orders"), "the V2 view exists and reads V1 data");
      assertEquals(1, count(connection, "duckdb_tables() WHERE table_name = 'tier_moves'"), "the V3 table exists");
      assertEquals(1, count(connection, "all_market_ticks"));
      assertEquals("101.50000000", scalar(connection, "SELECT last FROM market_ticks"));
    }
  }

  @Test
  void aMigrationEditedAfterItWasAppliedIsRefused() throws Exception {
    try (DuckDBConnection connection = DuckDb.open(dir.resolve("edited.duckdb"), "256MB", 1)) {
      Migrations.fromClasspath().apply(connection);
      List<Migration> edited = new ArrayList<>(Migrations.fromClasspath().all());
      Migration first = edited.get(0);
      edited.set(0, Migration.of("V1__initial.sql", first.sql() + "\n-- edited"));
      StorageException error = assertThrows(StorageException.class, () -> new Migrations(edited).apply(connection));
      assertEquals(StorageErrorCode.MIGRATION_CHECKSUM_MISMATCH, error.code());
    }
  }

  @Test
  void aFailingMigrationLeavesTheSchemaAtTheLastWholeVersion() throws Exception {
    try (DuckDBConnection connection = DuckDb.open(dir.resolve("broken.duckdb"), "256MB", 1)) {
      List<Migration> withBroken = new ArrayList<>(Migrations.fromClasspath().all());
      withBroken.add(Migration.of("V" + (withBroken.size() + 1) + "__broken.sql",
          "CREATE TABLE half_done (x INTEGER);\nSELECT * FROM no_such_table;"));
      StorageException error = assertThrows(StorageException.class, () -> new Migrations(withBroken).apply(connection));
      assertEquals(StorageErrorCode.MIGRATION_FAILED, error.code());
      assertEquals(9, Migrations.currentVersion(connection));
      assertEquals(0, count(connection, "duckdb_tables() WHERE table_name = 'half_done'"));
    }
  }

  @Test
  void theIndexListsEveryMigrationFile() throws URISyntaxException, java.io.IOException {
    Path resources = Path.of(getClass().getClassLoader().getResource(Migrations.RESOURCE_DIR).toURI());
    List<String> files;
    try (Stream<Path> list = Files.list(resources)) {
      files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
    }
    List<String> indexed = Migrations.fromClasspath().all().stream()
        .map(m -> "V" + m.version() + "__" + m.name() + ".sql").sorted().toList();
    assertEquals(files, indexed);
  }
}
