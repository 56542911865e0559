package io.tradingrt.storage.backup;

import io.tradingrt.storage.database.Checksums;
import io.tradingrt.storage.database.DuckDb;
import io.tradingrt.storage.database.Sql;
import io.tradingrt.storage.database.StorageErrorCode;
import io.tradingrt.storage.database.StorageException;
import io.tradingrt.storage.database.Tables;
import io.tradingrt.storage.schema.Migrations;
import io.tradingrt.storage.tier.TierFiles;
import io.tradingrt.time.MicrosClock;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Online backup to a directory of Parquet files (one per table, ZSTD) plus a manifest of row counts and checksums,
 * and restore into a new database file. All tables are copied inside one transaction, so the backup is one
 * consistent snapshot while the writer keeps appending. The Parquet tier is write-once files: back up that
 * directory with file tools. Views are not copied: migrations and TierManager recreate them.
 */
public final class Backup {

  private static final String SKIPPED = "schema_migrations";

  private Backup() {
  }

  /**
   * Run on a reader's duplicate connection with no open transaction; {@code dir} must not exist yet (callers take it
   * from {@link BackupTarget}, so it and its {@code .partial} sibling lie inside the backup root).
   */
  public static BackupManifest backup(Connection connection, Path dir) {
    if (Files.exists(dir)) {
      throw new StorageException(StorageErrorCode.BACKUP_EXISTS, "backup directory " + dir + " already exists");
    }
    Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
    try {
      TierFiles.deleteTree(partial);
      Files.createDirectories(partial);
      Map<String, Checksums> tables = new LinkedHashMap<>();
      int version;
      Sql.execute(connection, "BEGIN TRANSACTION");
      try {
        version = Migrations.currentVersion(connection);
        for (String table : Tables.baseTables(connection)) {
          if (!table.equals(SKIPPED)) {
            Sql.execute(connection, "COPY (SELECT * FROM " + Sql.ident(table) + ") TO "
                + Sql.literal(partial.resolve(table + ".parquet")) + " (FORMAT PARQUET, COMPRESSION ZSTD)");
            tables.put(table, Checksums.of(connection, Sql.ident(table)));
          }
        }
        Sql.execute(connection, "COMMIT");
      } catch (SQLException e) {
        Sql.rollbackQuietly(connection);
        throw e;
      }
      BackupManifest manifest = new BackupManifest(version, MicrosClock.SYSTEM.nowMicros(), tables);
      manifest.write(partial);
      Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
      return manifest;
    } catch (SQLException | IOException | RuntimeException e) {
      throw new StorageException(StorageErrorCode.BACKUP_FAILED, "backup to " + dir + " failed: " + e.getMessage(), e);
    }
  }

  public static BackupManifest restore(Path dir, Path newDbPath) {
    return restore(dir, newDbPath, "1GB", 2);
  }

  /**
   * Creates {@code newDbPath} at the backup's schema version, loads every table and verifies counts and checksums
   * against the manifest; on any failure the new file is deleted. Later migrations run at the next normal start.
   */
  public static BackupManifest restore(Path dir, Path newDbPath, String memoryLimit, int threads) {
    if (Files.exists(newDbPath)) {
      throw new StorageException(StorageErrorCode.RESTORE_FAILED, "restore target " + newDbPath + " already exists");
    }
    try {
      BackupManifest manifest = BackupManifest.read(dir);
      try (DuckDBConnection connection = DuckDb.open(newDbPath, memoryLimit, threads)) {
        Migrations.fromClasspath().applyUpTo(connection, manifest.schemaVersion());
        Sql.execute(connection, "BEGIN TRANSACTION");
        for (Map.Entry<String, Checksums> table : manifest.tables().entrySet()) {
          String name = Sql.ident(table.getKey());
          Sql.execute(connection, "INSERT INTO " + name + " BY NAME SELECT * FROM read_parquet("
              + Sql.literal(dir.resolve(table.getKey() + ".parquet")) + ")");
          Checksums restored = Checksums.of(connection, name);
          if (!restored.equals(table.getValue())) {
            throw new IOException("table " + table.getKey() + " restored as " + restored + " but the backup recorded "
                + table.getValue());
          }
        }
        Sql.execute(connection, "COMMIT");
        DuckDb.checkpoint(connection);
      }
      return manifest;
    } catch (SQLException | IOException | RuntimeException e) {
      deleteQuietly(newDbPath);
      deleteQuietly(Path.of(newDbPath + ".wal"));
      throw new StorageException(StorageErrorCode.RESTORE_FAILED, "restore of " + dir + " into " + newDbPath
          + " failed: " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // the error that made us clean up is the one to report
    }
  }
}
