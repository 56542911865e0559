package io.tradingrt.storage.database;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code storage} section of the runtime configuration. Field names match the JSON, so a verticle can map it
 * with {@code config.getJsonObject("storage").mapTo(StorageConfig.class)}; absent numbers (0) take the defaults.
 */
public record StorageConfig(String path, int flushRows, long flushMillis, int queueCapacity, int checkpointSeconds,
                            String memoryLimit, int threads, int readers, Retention retention, String backupRoot) {

  /** Ticks and bars older than hotDays go to Parquet under tierPath; Parquet older than coldDays is deleted. */
  public record Retention(int hotDays, int coldDays, String tierPath) {
    public Retention {
      hotDays = hotDays > 0 ? hotDays : 7;
      coldDays = coldDays > 0 ? coldDays : 365;
      tierPath = tierPath == null || tierPath.isBlank() ? "data/tiers" : tierPath;
      if (coldDays < hotDays) {
        throw new IllegalArgumentException("storage.retention.coldDays (" + coldDays
            + ") must not be smaller than hotDays (" + hotDays + ")");
      }
    }
  }

  public StorageConfig {
    Objects.requireNonNull(path, "storage.path");
    flushRows = flushRows > 0 ? flushRows : 50_000;
    flushMillis = flushMillis > 0 ? flushMillis : 200;
    queueCapacity = queueCapacity > 0 ? queueCapacity : 500_000;
    checkpointSeconds = checkpointSeconds > 0 ? checkpointSeconds : 60;
    memoryLimit = memoryLimit == null || memoryLimit.isBlank() ? "2GB" : memoryLimit;
    threads = threads > 0 ? threads : 2;
    readers = readers > 0 ? readers : 2;
    retention = retention != null ? retention : new Retention(0, 0, null);
    backupRoot = backupRoot == null || backupRoot.isBlank() ? "data/backups" : backupRoot;
  }

  /** The defaults of conf/runtime.json for a given file: for tests and tools. */
  public static StorageConfig defaults(Path file) {
    return new StorageConfig(file.toString(), 0, 0, 0, 0, null, 0, 0,
        new Retention(0, 0, file.resolveSibling("tiers").toString()), file.resolveSibling("backups").toString());
  }

  public Path file() {
    return Path.of(path);
  }

  public Path backupDir() {
    return Path.of(backupRoot);
  }

  public Path tierPath() {
    return Path.of(retention.tierPath());
  }
}
