package io.tradingrt.testing;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;
import io.tradingrt.ingest.SimulatedFeed;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** A recording in the replay CSV format: the default symbols' simulated ticks, 100 ms apart from 2024-01-02 12:00. */
public final class ReplayTicks {
  public static final long START_MICROS = 1_704_196_800_000_000L;
  public static final long STEP_MICROS = 100_000L;

  private ReplayTicks() {
  }

  public static Path write(Path file, int ticks) throws IOException {
    return write(file, ticks, false);
  }

  /** With {@code importFormat}, times as DuckDB timestamps ({@code runtime import csv} reads those). */
  public static Path write(Path file, int ticks, boolean importFormat) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    SimulatedFeed feed = new SimulatedFeed(List.of("AAPL", "MSFT", "GOOG", "AMZN", "TSLA"), 3, Fixed.of(100), 20, 2);
    try (Writer out = Files.newBufferedWriter(file)) {
      out.write("ts,symbol,bid,ask,bid_size,ask_size,last,last_size,seq\n");
      for (int i = 0; i < ticks; i++) {
        Tick t = feed.next(START_MICROS + i * STEP_MICROS);
        Instant at = Instant.ofEpochSecond(t.tsMicros() / 1_000_000, (t.tsMicros() % 1_000_000) * 1_000);
        String ts = importFormat ? at.toString().replace('T', ' ').replace("Z", "") : at.toString();
        out.write(ts + "," + t.symbol() + "," + t.bid() + "," + t.ask() + "," + t.bidSize() + "," + t.askSize() + ","
            + t.last() + "," + t.lastSize() + "," + t.seq() + "\n");
      }
    }
    return file;
  }
}
