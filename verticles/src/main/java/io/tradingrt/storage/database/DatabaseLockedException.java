package io.tradingrt.storage.database;

import java.nio.file.Path;
import java.util.OptionalLong;

/** Another process holds the database file open: DuckDB allows one process per file. */
public final class DatabaseLockedException extends StorageException {

  private final Path file;
  private final String holder;
  private final OptionalLong holderPid;

  public DatabaseLockedException(Path file, String holder, OptionalLong holderPid, Throwable cause) {
    super(StorageErrorCode.FILE_LOCKED, "database file " + file + " is locked by another process: " + holder
        + "; stop that process or configure another storage.path", cause);
    this.file = file;
    this.holder = holder;
    this.holderPid = holderPid;
  }

  public Path file() {
    return file;
  }

  /** As DuckDB reports it, e.g. {@code /usr/bin/java (PID 4242)}. */
  public String holder() {
    return holder;
  }

  public OptionalLong holderPid() {
    return holderPid;
  }
}
