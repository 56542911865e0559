package io.tradingrt.backtest;

import java.nio.file.Path;

/**
 * Where a run's ticks are, said so that any node can open them again: a runtime database file ({@code db}), a CSV
 * recording ({@code csv}) or Parquet files ({@code parquet}, a path or a glob), and the range read. A sweep spread
 * over nodes sends this, not the ticks: every node that holds the {@code backtest} role reads the same path itself
 * (docs/backtest.md, sweeps across nodes), so the path must be one each of them can read.
 */
public record TickData(String kind, String path, TickRange range) {
  public TickData {
    if (!"db".equals(kind) && !"csv".equals(kind) && !"parquet".equals(kind)) {
      throw new IllegalArgumentException("a tick source is db, csv or parquet, not '" + kind + "'");
    }
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("a " + kind + " tick source needs a path");
    }
  }

  /** A fresh source over these ticks, read from the start; the caller closes it. */
  public TickSource open() {
    return switch (kind) {
      case "db" -> DuckDbTickSource.stored(Path.of(path), range);
      case "csv" -> new CsvTickSource(Path.of(path), range);
      default -> DuckDbTickSource.parquet(Path.of(path), range);
    };
  }
}
