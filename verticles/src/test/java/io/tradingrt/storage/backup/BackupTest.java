package io.tradingrt.storage.backup;

import static io.tradingrt.storage.StorageFixtures.DAY;
import static io.tradingrt.storage.StorageFixtures.MONDAY;
import static io.tradingrt.storage.StorageFixtures.count;
import static io.tradingrt.storage.StorageFixtures.fill;
import static io.tradingrt.storage.StorageFixtures.orderEvent;
import static io.tradingrt.storage.StorageFixtures.position;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.storage.StorageFixtures;
import io.tradingrt.storage.database.Checksums;
import io.tradingrt.storage.database.Sql;
import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;
import io.tradingrt.storage.schema.Migrations;
import io.tradingrt.storage.writer.StorageWriter;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

class BackupTest {

  @TempDir
  Path dir;

  @Test
  void backupAndRestoreRoundTripEveryTable() throws Exception {
    Path backupDir = dir.resolve("backup-1");
    BackupManifest manifest;
    try (DuckDBConnection database = StorageFixtures.openMigrated(dir.resolve("live.duckdb"));
         StorageWriter writer = new StorageWriter(database.duplicate(), () -> MONDAY);
         DuckDBConnection reader = database.duplicate()) {
      writer.appendTicks(StorageFixtures.randomTicks(31, 20_000, MONDAY, DAY, "AAPL", "MSFT"));
      writer.writeOrderEvent(orderEvent("o-1", "AAPL", OrderStatus.FILLED, "10", MONDAY));
      writer.writeFill(fill("f-1", "AAPL", "10", "101", MONDAY));
      writer.upsertPosition(position("AAPL", "10", "0", MONDAY));
      writer.appendTicks(StorageFixtures.randomTicks(32, 500, MONDAY, DAY, "TSLA"));

      manifest = Backup.backup(reader, backupDir);

      assertEquals(20_000, manifest.tables().get("market_ticks").rows(), "uncommitted rows are not in the snapshot");
      assertEquals(1, manifest.tables().get("trades").rows());
      assertEquals(9, manifest.schemaVersion());
      for (var table : manifest.tables().entrySet()) {
        assertEquals(table.getValue(), Checksums.of(reader, Sql.ident(table.getKey())), table.getKey());
      }
    }
    assertFalse(Files.exists(dir.resolve("backup-1.partial")));

    Path restored = dir.resolve("restored.duckdb");
    assertEquals(manifest, Backup.restore(backupDir, restored));
    try (DuckDBConnection connection = StorageFixtures.openMigrated(restored)) {
      for (var table : manifest.tables().entrySet()) {
        assertEquals(table.getValue(), Checksums.of(connection, Sql.ident(table.getKey())), table.getKey());
      }
      assertEquals(1, count(connection, "latest_orders"));
      assertEquals(List.of(), Migrations.fromClasspath().apply(connection));
    }
  }

  @Test
  void restoreRefusesAnIncompleteBackupAndLeavesNoFile() throws Exception {
    Path notABackup = Files.createDirectories(dir.resolve("empty"));
    Path target = dir.resolve("target.duckdb");
    StorageException error = assertThrows(StorageException.class, () -> Backup.restore(notABackup, target));
    assertEquals(StorageErrorCode.RESTORE_FAILED, error.code());
    assertFalse(Files.exists(target));
  }
}
