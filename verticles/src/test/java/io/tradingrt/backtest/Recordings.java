package io.tradingrt.backtest;

import io.tradingrt.codecs.Tick;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test recordings: the simulated feed's ticks written in the replay CSV format. */
public final class Recordings {
  public static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "GOOG", "AMZN", "TSLA");
  public static final long START = 1_704_196_800_000_000L; // 2024-01-02T12:00:00Z

  private Recordings() {
  }

  /** {@code count} ticks {@code stepMicros} apart from {@link #START}, seed 42, the five default symbols. */
  public static Path csv(Path file, long count, long stepMicros) throws IOException {
    try (Writer out = Files.newBufferedWriter(file);
         TickSource source = GeneratedTickSource.of(SYMBOLS, 42, count, START, stepMicros)) {
      out.write("ts,symbol,bid,ask,bid_size,ask_size,last,last_size,seq\n");
      Tick t;
      while ((t = source.next()) != null) {
        out.write(t.tsMicros() + "," + t.symbol() + "," + t.bid() + "," + t.ask() + "," + t.bidSize() + ","
            + t.askSize() + "," + t.last() + "," + t.lastSize() + "," + t.seq() + "\n");
      }
    }
    return file;
  }
}
