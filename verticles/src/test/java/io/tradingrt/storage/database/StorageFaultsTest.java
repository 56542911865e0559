package io.tradingrt.storage.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradingrt.storage.StorageFixtures;
import io.tradingrt.storage.writer.StorageWriter;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

class StorageFaultsTest {

  @TempDir
  Path dir;

  @Test
  void aFileHeldByAnotherProcessNamesTheFileAndTheHolder() throws Exception {
    Path file = dir.resolve("locked.duckdb");
    StorageFixtures.openMigrated(file).close();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LockHolder.class.getName(), file.toString()).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.equals("READY")) {
        // skip JVM warnings
      }
      assertEquals("READY", line, "the second JVM opened the file");

      DatabaseLockedException error = assertThrows(DatabaseLockedException.class,
          () -> DuckDb.open(file, "128MB", 1).close());

      assertEquals(StorageErrorCode.FILE_LOCKED, error.code());
      assertEquals(holder.pid(), error.holderPid().orElseThrow());
      assertEquals(file, error.file());
      assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
      assertTrue(error.getMessage().contains("(PID " + holder.pid() + ")"), error.getMessage());
      assertFalse(error.getMessage().contains("\n"), "one line");
    } finally {
      holder.getOutputStream().close();
      if (!holder.waitFor(20, TimeUnit.SECONDS)) {
        holder.destroyForcibly();
      }
    }
    StorageFixtures.openMigrated(file).close();
  }

  @Test
  void aFileThatIsNotADuckDbDatabaseIsReportedAsCorrupt() throws Exception {
    Path file = dir.resolve("notes.duckdb");
    Files.writeString(file, "these are not the bytes you are looking for\n".repeat(200));
    CorruptDatabaseException error = assertThrows(CorruptDatabaseException.class, () -> DuckDb.open(file, "128MB", 1));
    assertEquals(StorageErrorCode.FILE_CORRUPT, error.code());
    assertTrue(error.getMessage().startsWith("database file " + file), error.getMessage());
    assertFalse(error.getMessage().contains("\n"));
  }

  @Test
  void damagedDataBlocksAreFoundByTheIntegrityCheck() throws Exception {
    Path file = dir.resolve("damaged.duckdb");
    try (DuckDBConnection database = StorageFixtures.openMigrated(file);
         StorageWriter writer = new StorageWriter(database.duplicate(), () -> 0)) {
      writer.appendTicks(StorageFixtures.randomTicks(51, 200_000, StorageFixtures.MONDAY, StorageFixtures.DAY,
          "AAPL", "MSFT"));
      writer.checkpoint();
    }
    long size = Files.size(file);
    try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
      byte[] garbage = new byte[4096];
      java.util.Arrays.fill(garbage, (byte) 0x5A);
      for (long offset = 3 * 262_144L; offset + garbage.length < size; offset += 262_144L) {
        raw.seek(offset + 100);
        raw.write(garbage);
      }
    }
    StorageException error = assertThrows(StorageException.class, () -> {
      try (DuckDBConnection database = DuckDb.open(file, "128MB", 1)) {
        DuckDb.verifyIntegrity(database, file);
      }
    });
    assertEquals(StorageErrorCode.FILE_CORRUPT, error.code(), error.getMessage());
    assertFalse(error.getMessage().contains("\n"));
  }
}
