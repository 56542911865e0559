package io.tradingrt.storage.database;

import org.duckdb.DuckDBConnection;

import io.tradingrt.config.StorageSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens the runtime's DuckDB file with explicit limits and turns DuckDB's open failures into coded one-line errors.
 * Readers get {@link DuckDBConnection#duplicate()} of the returned connection: one per thread, never shared.
 */
public final class DuckDb {

  private static final Pattern LOCK_HOLDER = Pattern.compile("Conflicting lock is held in (.+?) \\(PID (\\d+)\\)");

  private DuckDb() {
  }

  public static DuckDBConnection open(StorageSettings config) {
    return open(config.file(), config.memoryLimit(), config.threads());
  }

  /**
   * memory_limit lives outside the Java heap and defaults to 80 % of RAM, so it is always set; extension auto-install
   * is off because each attempt stalls ~2 s offline.
   */
  public static DuckDBConnection open(Path file, String memoryLimit, int threads) {
    NativeLibrary.load();
    Properties settings = new Properties();
    settings.setProperty("memory_limit", memoryLimit);
    settings.setProperty("threads", Integer.toString(threads));
    settings.setProperty("autoinstall_known_extensions", "false");
    settings.setProperty("autoload_known_extensions", "false");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, settings);
    } catch (SQLException e) {
      throw translateOpenFailure(file, e);
    } catch (java.io.IOException e) {
      throw new StorageException(StorageErrorCode.OPEN_FAILED,
          "cannot create the directory of database file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A read-only connection whose result sets stream (DuckDB's JDBC materialises a whole result by default): for a
   * reader that walks millions of rows, such as a backtest over the stored ticks. {@code file} null opens an
   * in-memory database, for reading Parquet files. Fails with the same coded errors as {@link #open}.
   */
  public static DuckDBConnection openStreaming(Path file, String memoryLimit, int threads) {
    NativeLibrary.load();
    Properties settings = new Properties();
    settings.setProperty("memory_limit", memoryLimit);
    settings.setProperty("threads", Integer.toString(threads));
    settings.setProperty("autoinstall_known_extensions", "false");
    settings.setProperty("autoload_known_extensions", "false");
    settings.setProperty("jdbc_stream_results", "true");
    if (file != null) {
      settings.setProperty("access_mode", "READ_ONLY");
      if (!Files.isRegularFile(file)) {
        throw new StorageException(StorageErrorCode.OPEN_FAILED, "database file " + file + " does not exist");
      }
    }
    try {
      return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + (file == null ? "" : file), settings);
    } catch (SQLException e) {
      throw translateOpenFailure(file, e);
    }
  }

  static StorageException translateOpenFailure(Path file, SQLException e) {
    String message = StorageException.oneLine(e.getMessage());
    Matcher lock = LOCK_HOLDER.matcher(message);
    if (lock.find()) {
      String holder = lock.group(1) + " (PID " + lock.group(2) + ")";
      return new DatabaseLockedException(file, holder, OptionalLong.of(Long.parseLong(lock.group(2))), e);
    }
    if (message.contains("Could not set lock")) {
      return new DatabaseLockedException(file, "an unknown process", OptionalLong.empty(), e);
    }
    if (isCorruption(message)) {
      return new CorruptDatabaseException(file, shortDetail(message), e);
    }
    return new StorageException(StorageErrorCode.OPEN_FAILED, "cannot open database file " + file + ": " + message, e);
  }

  /**
   * The start-up check: opens the file (lock, header, WAL replay), reads every block of every table and closes it
   * again; returns the milliseconds it took (~0.3 s for 10 M ticks on the 2-core build machine). A truncated,
   * damaged or foreign file fails here with one line, before the runtime accepts a single order.
   */
  public static long verifyAtStart(StorageSettings config) {
    long started = System.nanoTime();
    try (DuckDBConnection connection = open(config)) {
      verifyIntegrity(connection, config.file());
    } catch (SQLException e) {
      throw new StorageException(StorageErrorCode.OPEN_FAILED, "cannot close database file " + config.file()
          + " after its check: " + e.getMessage(), e);
    }
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** Reads every block of every table: DuckDB finds damage only when a damaged block is read. */
  public static void verifyIntegrity(DuckDBConnection connection, Path file) {
    try {
      for (String table : Tables.baseTables(connection)) {
        Checksums.of(connection, Sql.ident(table));
      }
    } catch (SQLException e) {
      if (isCorruption(e.getMessage())) {
        throw new CorruptDatabaseException(file, shortDetail(e.getMessage()), e);
      }
      throw new StorageException(StorageErrorCode.QUERY_FAILED, "integrity check failed: " + e.getMessage(), e);
    }
  }

  /** CHECKPOINT moves the WAL into the file; automatic checkpoints are skipped while readers hold transactions. */
  public static void checkpoint(DuckDBConnection connection) {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CHECKPOINT");
    } catch (SQLException e) {
      StorageErrorCode code = WriteFaults.classify(e);
      // a checkpoint has no record of its own to reject: whatever failed is the database
      throw new StorageException(code == StorageErrorCode.RECORD_REJECTED ? StorageErrorCode.WRITE_FAILED : code,
          "checkpoint failed: " + e.getMessage(), e);
    }
  }

  private static boolean isCorruption(String message) {
    return message != null && (message.contains("not a valid DuckDB database file")
        || message.contains("Corruption") || message.contains("Could not read enough bytes")
        || message.contains("checksum"));
  }

  private static String shortDetail(String message) {
    String line = StorageException.oneLine(message);
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
