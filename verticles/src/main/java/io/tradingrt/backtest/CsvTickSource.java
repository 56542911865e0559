package io.tradingrt.backtest;

import io.tradingrt.codecs.Tick;
import io.tradingrt.ingest.CsvReplayFeed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A CSV file in the replay format, read line by line through the live {@link CsvReplayFeed} (and so the same
 * {@code CsvTickParser}); malformed lines are skipped and counted, ticks outside the range dropped.
 */
public final class CsvTickSource implements TickSource {
  private final Path path;
  private final CsvReplayFeed feed;
  private final TickRange range;

  public CsvTickSource(Path path, TickRange range) {
    this.path = path;
    this.range = range;
    try {
      this.feed = new CsvReplayFeed(path, line -> { });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Tick next() {
    Tick tick;
    while ((tick = feed.next(0)) != null) {
      if (range.contains(tick)) {
        return tick;
      }
    }
    return null;
  }

  @Override
  public String describe() {
    return "csv:" + path;
  }

  @Override
  public long skipped() {
    return feed.malformedCount();
  }

  @Override
  public void close() {
    feed.close();
  }
}
