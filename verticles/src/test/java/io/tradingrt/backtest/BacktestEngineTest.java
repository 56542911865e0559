package io.tradingrt.backtest;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.Tick;
import io.tradingrt.config.RuntimeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BacktestEngineTest {
  static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "GOOG", "AMZN", "TSLA");
  static final long START = 1_704_196_800_000_000L; // 2024-01-02T12:00:00Z

  static BacktestResult run(BacktestSpec spec, TickSource source) {
    try (source) {
      return new BacktestEngine(spec).run(source, BacktestEngine.Progress.NONE);
    }
  }

  static GeneratedTickSource generated(long count, long stepMicros) {
    return GeneratedTickSource.of(SYMBOLS, 42, count, START, stepMicros);
  }

  static BacktestSpec defaults() {
    return BacktestSpec.of(RuntimeSettings.of("{\"ingest\":{\"volatilityBps\":20}}"));
  }

  @Test
  void twoRunsOnTheSameTicksGiveTheSameReportFillsAndCurveByteForByte() {
    BacktestResult first = run(defaults(), generated(200_000, 10_000));
    BacktestResult second = run(defaults(), generated(200_000, 10_000));
    assertTrue(first.fills().size() > 100, "the default strategies trade: " + first.fills().size() + " fills");
    assertEquals(first.fillsHash(), second.fillsHash());
    assertEquals(ReportJson.report(first), ReportJson.report(second));
    assertEquals(ReportJson.fills(first), ReportJson.fills(second));
    assertEquals(ReportJson.equity(first), ReportJson.equity(second));
    BacktestResult otherSeed = run(defaults(), GeneratedTickSource.of(SYMBOLS, 43, 200_000, START, 10_000));
    assertNotEquals(first.fillsHash(), otherSeed.fillsHash(), "the hash tells other fills apart");
  }

  @Test
  void aCsvOfTheSameTicksGivesTheSameFillsAsTheTicksThemselves(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("ticks.csv");
    try (Writer out = Files.newBufferedWriter(csv); TickSource source = generated(50_000, 10_000)) {
      out.write("ts,symbol,bid,ask,bid_size,ask_size,last,last_size,seq\n");
      Tick t;
      while ((t = source.next()) != null) {
        out.write(t.tsMicros() + "," + t.symbol() + "," + t.bid() + "," + t.ask() + "," + t.bidSize() + ","
            + t.askSize() + "," + t.last() + "," + t.lastSize() + "," + t.seq() + "\n");
      }
      out.write("garbage line\n");
    }
    BacktestResult fromCsv = run(defaults(), new CsvTickSource(csv, TickRange.ALL));
    BacktestResult direct = run(defaults(), generated(50_000, 10_000));
    assertEquals(direct.fillsHash(), fromCsv.fillsHash());
    assertEquals(50_000, fromCsv.ticks());
    assertEquals(1, fromCsv.skippedLines());

    TickRange aaplOnly = new TickRange(START, START + 200_000_000L, Set.of("AAPL"));
    BacktestResult filtered = run(defaults(), new CsvTickSource(csv, aaplOnly));
    assertEquals(20_000 / SYMBOLS.size(), filtered.ticks(), "200 s of ticks every 10 ms, one symbol in five");
    assertTrue(filtered.fills().stream().allMatch(f -> f.symbol().equals("AAPL")));
  }

  @Test
  void brokerLatencyRunsInDataTimeAndFillsAtTheDueTime() {
    RuntimeSettings settings = RuntimeSettings.of("{\"ingest\":{\"volatilityBps\":20},"
        + "\"execution\":{\"latencyMicros\":250000}}");
    BacktestResult result = run(BacktestSpec.of(settings), generated(100_000, 100_000));
    assertTrue(result.fills().size() > 10, result.fills().size() + " fills");
    // a first fill happens when the order is accepted; a remainder beyond the displayed size fills on later ticks
    List<Fill> firstFills = result.fills().stream().filter(f -> f.fillId().endsWith("-F1")).toList();
    assertTrue(firstFills.size() > 10, firstFills.size() + " first fills");
    for (Fill fill : firstFills) {
      assertEquals(50_000, Math.floorMod(fill.tsMicros() - START, 100_000L),
          "ticks every 100 ms, orders due 250 ms after theirs, accepted between ticks: " + fill);
    }
  }

  @Test
  void dayOrdersStillInFlightExpireAtTheSessionStartOfTheData() {
    // a latency longer than the run: every approved order is still in flight when the UTC day ends
    RuntimeSettings settings = RuntimeSettings.of("{\"ingest\":{\"volatilityBps\":20},"
        + "\"execution\":{\"latencyMicros\":172800000000}}");
    BacktestResult result = run(BacktestSpec.of(settings), generated(20_000, 5_000_000)); // 27.7 h from noon
    assertTrue(result.fills().isEmpty(), "nothing is due before the run ends");
    long expired = result.orderEvents().getOrDefault(OrderStatus.EXPIRED, 0L);
    assertTrue(expired > 0, "DAY orders expired at midnight: " + result.orderEvents());
    assertEquals(0, result.orderEvents().getOrDefault(OrderStatus.ACCEPTED, 0L), "none was accepted");
  }

  @Test
  void theThrottleCountsDataTime() {
    RuntimeSettings settings = RuntimeSettings.of("{\"ingest\":{\"volatilityBps\":50},"
        + "\"risk\":{\"throttlePerStrategy\":1,\"throttleIntervalMs\":60000}}");
    // ticks every millisecond: strategies signal far more often than once a minute of data time
    BacktestResult result = run(BacktestSpec.of(settings), generated(100_000, 1_000));
    assertTrue(result.denials().getOrDefault(ReasonCode.THROTTLED_STRATEGY, 0L) > 0, result.denials().toString());
    long minutes = (result.lastMicros() - result.firstMicros()) / 60_000_000L + 1;
    assertTrue(result.orderEvents().getOrDefault(OrderStatus.SUBMITTED, 0L) <= 2 * minutes,
        "at most one order per strategy per minute of data time: " + result.orderEvents());
  }
}
