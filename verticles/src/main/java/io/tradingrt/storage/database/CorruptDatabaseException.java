package io.tradingrt.storage.database;

import java.nio.file.Path;

/** The file is not a DuckDB database, or a block failed to read or verify. */
public final class CorruptDatabaseException extends StorageException {

  private final Path file;

  public CorruptDatabaseException(Path file, String detail, Throwable cause) {
    super(StorageErrorCode.FILE_CORRUPT, "database file " + file + " is damaged or not a DuckDB database: " + detail
        + "; restore it from a backup", cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
