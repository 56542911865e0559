package io.tradingrt.storage.query;

import java.util.Map;

/** Sizes on disk and exact row counts per table. */
public record StorageStats(String path, long fileBytes, long walBytes, Map<String, Long> rowCounts) {
  public StorageStats {
    rowCounts = Map.copyOf(rowCounts);
  }
}
