package io.tradingrt.storage.writer;

import io.tradingrt.storage.StorageFixtures;
import io.tradingrt.storage.database.DuckDb;
import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.WriteFaults;
import io.tradingrt.time.MicrosClock;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static io.tradingrt.storage.StorageFixtures.MONDAY;
import static io.tradingrt.storage.StorageFixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reopening the database after a fault: readers move to the fresh database, nothing committed is lost. */
class WriterDatabaseTest {

  @TempDir
  Path dir;

  @Test
  void aReopenClosesEveryReaderDuplicateAndReadersQueryTheFreshDatabase() throws Exception {
    Path file = dir.resolve("reopen.duckdb");
    WriterDatabase database = new WriterDatabase(StorageFixtures.openMigrated(file),
        () -> DuckDb.open(file, "256MB", 1), MicrosClock.SYSTEM);
    database.writer().appendTicks(StorageFixtures.randomTicks(1, 100, MONDAY, SECOND, "AAPL"));
    database.writer().flush();
    WriterDatabase.Reader reader = database.reader();
    AtomicReference<DuckDBConnection> before = new AtomicReference<>();
    assertEquals(100L, (long) reader.use(c -> {
      before.set(c);
      return count(c);
    }));

    database.reopen();

    assertTrue(before.get().isClosed(), "the old duplicate is closed, so DuckDB can release the old database");
    database.writer().appendTicks(StorageFixtures.randomTicks(2, 50, MONDAY + 200 * SECOND, SECOND, "MSFT"));
    database.writer().flush();
    assertEquals(150L, (long) reader.use(c -> {
      assertNotSame(before.get(), c);
      return count(c);
    }));
    assertEquals(1, database.reopens());
    assertEquals(2, database.stats().commits(), "counters carry over the reopen");
    reader.close();
    database.close();
  }

  @Test
  void duckDbErrorTypesTellRejectedRecordsFromDatabaseFaults() {
    assertEquals(StorageErrorCode.RECORD_REJECTED, WriteFaults.classify("Conversion Error: Casting value "
        + "\"20000000000\" to type DECIMAL(18,8) failed: value is out of range!"));
    assertEquals(StorageErrorCode.RECORD_REJECTED, WriteFaults.classify("Constraint Error: NOT NULL constraint "
        + "failed: trades.fill_id"));
    assertEquals(StorageErrorCode.WRITE_FAILED, WriteFaults.classify("TransactionContext Error: Failed to commit: "
        + "Could not write file \"/d/runtime.duckdb\": No space left on device"));
    assertEquals(StorageErrorCode.WRITE_FAILED, WriteFaults.classify("IO Error: Could not read enough bytes"));
    assertEquals(StorageErrorCode.DATABASE_INVALIDATED, WriteFaults.classify("FATAL Error: Failed: database has "
        + "been invalidated because of a previous fatal error. The database must be restarted prior to being used"));
  }

  private static long count(DuckDBConnection connection) {
    try {
      return StorageFixtures.count(connection, "market_ticks");
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }
}
