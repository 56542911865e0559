package io.tradingrt.ingest;

import io.tradingrt.codecs.Tick;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Replays a CSV file in {@link CsvTickParser}'s format; malformed lines are counted and reported, never fatal. */
public final class CsvReplayFeed implements TickFeed {

  /** A line that was skipped, with its 1-based number in the file. */
  public record MalformedLine(long lineNumber, String reason) {
  }

  private final Path path;
  private final BufferedReader reader;
  private final Consumer<MalformedLine> onMalformed;
  private long lineNumber;
  private long malformed;
  private long replayed;

  public CsvReplayFeed(Path path, Consumer<MalformedLine> onMalformed) throws IOException {
    this.path = path;
    this.reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
    this.onMalformed = onMalformed;
  }

  @Override
  public Tick next(long plannedMicros) {
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (CsvTickParser.isHeaderOrComment(line)) {
          continue;
        }
        try {
          Tick tick = CsvTickParser.parse(line, lineNumber);
          replayed++;
          return tick;
        } catch (CsvTickParser.MalformedLineException e) {
          malformed++;
          onMalformed.accept(new MalformedLine(lineNumber, e.getMessage()));
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path + " at line " + lineNumber, e);
    }
  }

  public long malformedCount() {
    return malformed;
  }

  public long replayedCount() {
    return replayed;
  }

  @Override
  public String describe() {
    return "CSV replay of " + path;
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException ignored) {
      // nothing was written; a failed close of a read-only file loses nothing
    }
  }
}
