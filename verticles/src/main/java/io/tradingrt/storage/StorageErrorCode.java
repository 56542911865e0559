package io.tradingrt.storage;

/** Stable codes for storage failures a caller (verticle, health check, operator) must react to. */
public enum StorageErrorCode {
  FILE_LOCKED,
  FILE_CORRUPT,
  OPEN_FAILED,
  MIGRATION_FAILED,
  MIGRATION_CHECKSUM_MISMATCH,
  WRITE_FAILED,
  QUERY_FAILED,
  TIER_MOVE_FAILED,
  BACKUP_FAILED,
  BACKUP_REFUSED,
  BACKUP_EXISTS,
  RESTORE_FAILED,
  IMPORT_FAILED
}
