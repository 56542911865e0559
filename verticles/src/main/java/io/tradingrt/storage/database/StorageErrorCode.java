package io.tradingrt.storage.database;

/** Stable codes for storage failures a caller (verticle, health check, operator) must react to. */
public enum StorageErrorCode {
  FILE_LOCKED,
  FILE_CORRUPT,
  OPEN_FAILED,
  MIGRATION_FAILED,
  MIGRATION_CHECKSUM_MISMATCH,
  /** A transient write failure (I/O error, full disk, a conflict): retried, the writer is not ready meanwhile. */
  WRITE_FAILED,
  /** DuckDB refused this record itself (cast, conversion, constraint): it can never commit and is quarantined. */
  RECORD_REJECTED,
  /** DuckDB invalidated the database after a fatal error: the writer must close and reopen it. */
  DATABASE_INVALIDATED,
  QUERY_FAILED,
  TIER_MOVE_FAILED,
  BACKUP_FAILED,
  BACKUP_REFUSED,
  BACKUP_EXISTS,
  RESTORE_FAILED,
  IMPORT_FAILED
}
