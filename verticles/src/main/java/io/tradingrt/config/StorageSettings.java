package io.tradingrt.config;

import java.nio.file.Path;

/** The {@code storage} section: the DuckDB file, the writer's batching and queue, readers, tiers and backups. */
public record StorageSettings(String path, int flushRows, long flushMillis, int queueCapacity, int checkpointSeconds,
                              String memoryLimit, int threads, int readers, Retention retention, String backupRoot) {

  /** Ticks and bars older than hotDays go to Parquet under tierPath; Parquet older than coldDays is deleted. */
  public record Retention(int hotDays, int coldDays, String tierPath) {
    public Retention {
      if (hotDays < 1 || coldDays < hotDays) {
        throw new IllegalArgumentException("hotDays must be at least 1 and coldDays (" + coldDays
            + ") not smaller than hotDays (" + hotDays + ")");
      }
    }

    static Retention read(ConfigNode n) {
      return new Retention(n.int32("hotDays"), n.int32("coldDays"), n.text("tierPath"));
    }
  }

  public StorageSettings {
    if (path.isBlank()) {
      throw new IllegalArgumentException("path must name the database file");
    }
    if (flushRows < 1 || flushMillis < 1 || queueCapacity < 1 || checkpointSeconds < 1 || threads < 1 || readers < 1) {
      throw new IllegalArgumentException("flushRows, flushMillis, queueCapacity, checkpointSeconds, threads and "
          + "readers must be at least 1");
    }
  }

  /** These settings for another database file, with tiers and backups beside it: for tests and tools. */
  public StorageSettings forFile(Path file) {
    return new StorageSettings(file.toString(), flushRows, flushMillis, queueCapacity, checkpointSeconds,
        memoryLimit, threads, readers,
        new Retention(retention.hotDays(), retention.coldDays(), file.resolveSibling("tiers").toString()),
        file.resolveSibling("backups").toString());
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

  static StorageSettings read(ConfigNode n) {
    return new StorageSettings(n.text("path"), n.int32("flushRows"), n.integer("flushMillis"),
        n.int32("queueCapacity"), n.int32("checkpointSeconds"), n.text("memoryLimit"), n.int32("threads"),
        n.int32("readers"), n.object("retention").read(Retention::read), n.text("backupRoot"));
  }
}
