package io.tradingrt.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.json.ContractJson;
import io.tradingrt.ingest.SimulatedFeed;
import io.tradingrt.testing.RuntimeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar runtime.jar backtest} as an operator runs it: help, one-line usage errors, db/csv runs, a sweep. */
class BacktestCommandIT {
  private static final int TICKS = 20_000;

  private record Result(int exit, List<String> lines) {
    String text() {
      return String.join("\n", lines);
    }
  }

  private static Result run(Path dir, String... args) throws Exception {
    try (RuntimeProcess process = RuntimeProcess.start("backtest", dir,
        Map.of("TRT_DB_PATH", dir.resolve("rt.duckdb").toString()), args)) {
      int exit = process.awaitExit(Duration.ofSeconds(120));
      Thread.sleep(200); // the output pump reads the last lines after the exit
      return new Result(exit, process.lines());
    }
  }

  @Test
  void helpAndBadUsage(@TempDir Path dir) throws Exception {
    Result root = run(dir, "--help");
    assertTrue(root.text().contains("backtest"), root.text());
    Result help = run(dir, "backtest", "--help");
    assertEquals(0, help.exit(), help.text());
    for (String option : List.of("--from", "--to", "--symbols", "--source", "--out", "--sweep", "--threads",
        "--no-store", "-conf")) {
      assertTrue(help.text().contains(option), option + " in:\n" + help.text());
    }
    for (String[] bad : List.of(new String[] {"backtest", "--source", "ftp", "x"},
        new String[] {"backtest", "--from", "yesterday", "--source", "csv", "x.csv"},
        new String[] {"backtest", "--bogus"},
        new String[] {"backtest", "--source", "csv"},
        new String[] {"backtest", "--source", "csv", "missing.csv"},
        new String[] {"backtest", "--source", "db"})) {
      Result result = run(dir, bad);
      assertEquals(2, result.exit(), String.join(" ", bad) + ":\n" + result.text());
      assertEquals(1, result.lines().size(), String.join(" ", bad) + ":\n" + result.text());
      assertTrue(result.lines().get(0).startsWith("runtime backtest: "), result.text());
    }
  }

  @Test
  void storedTicksAndTheSameCsvGiveTheSameRunAndASweepRanksItsSets(@TempDir Path dir) throws Exception {
    writeTicks(dir.resolve("import.csv"), dir.resolve("replay.csv"));
    Result imported = run(dir, "import", "csv", dir.resolve("import.csv").toString());
    assertEquals(0, imported.exit(), imported.text());

    Result db = run(dir, "backtest", "--from", "2024-01-02", "--to", "2024-01-03", "--out", "out-db");
    assertEquals(0, db.exit(), db.text());
    for (String row : List.of("total", "strategy:momentum", "strategy:meanrev", "symbol:AAPL", "ticks/s",
        "stored in")) {
      assertTrue(db.text().contains(row), row + " in:\n" + db.text());
    }
    JsonNode dbReport = ContractJson.mapper().readTree(Files.readString(dir.resolve("out-db/report.json")));
    assertEquals(TICKS, dbReport.get("ticks").asLong());
    assertTrue(dbReport.get("fills").asLong() > 10, dbReport.toString());
    for (String file : List.of("equity.json", "fills.json", "run.json")) {
      assertTrue(Files.size(dir.resolve("out-db").resolve(file)) > 2, file);
    }

    Result csv = run(dir, "backtest", "--source", "csv", "replay.csv", "--out", "out-csv", "--no-store");
    assertEquals(0, csv.exit(), csv.text());
    JsonNode csvReport = ContractJson.mapper().readTree(Files.readString(dir.resolve("out-csv/report.json")));
    assertEquals(dbReport.get("fillsHash").asText(), csvReport.get("fillsHash").asText(),
        "the stored ticks and the recording they came from give the same fills");

    Result sweep = run(dir, "backtest", "--source", "csv", "replay.csv", "--out", "out-sweep", "--sweep",
        "{\"momentum\":{\"fast\":[2,3],\"slow\":[8,12]}}", "--threads", "2");
    assertEquals(0, sweep.exit(), sweep.text());
    assertTrue(sweep.text().contains("4 runs on 2 threads"), sweep.text());
    JsonNode ranked = ContractJson.mapper().readTree(Files.readString(dir.resolve("out-sweep/sweep.json")));
    assertEquals(4, ranked.get("runs").size());
    assertTrue(sweep.text().contains("momentum.fast=3 momentum.slow=12"), sweep.text());

    try (var connection = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("rt.duckdb"));
         var statement = connection.createStatement();
         ResultSet r = statement.executeQuery("SELECT count(*), count(sweep_id), sum(ticks) FROM backtest_runs")) {
      r.next();
      assertEquals(5, r.getLong(1), "one db run and four sweep runs are stored");
      assertEquals(4, r.getLong(2));
      assertEquals(5L * TICKS, r.getLong(3));
    }
  }

  /** The same ticks in the import format (DuckDB timestamps) and in the replay format (ISO-8601 instants). */
  private static void writeTicks(Path importCsv, Path replayCsv) throws Exception {
    SimulatedFeed feed = new SimulatedFeed(List.of("AAPL", "MSFT", "GOOG", "AMZN", "TSLA"), 3,
        io.tradingrt.codecs.Fixed.of(100), 20, 2);
    try (Writer imports = Files.newBufferedWriter(importCsv); Writer replay = Files.newBufferedWriter(replayCsv)) {
      String header = "ts,symbol,bid,ask,bid_size,ask_size,last,last_size,seq\n";
      imports.write(header);
      replay.write(header);
      for (int i = 0; i < TICKS; i++) {
        Tick t = feed.next(1_704_196_800_000_000L + i * 100_000L);
        Instant at = Instant.ofEpochSecond(t.tsMicros() / 1_000_000, (t.tsMicros() % 1_000_000) * 1_000);
        String rest = "," + t.symbol() + "," + t.bid() + "," + t.ask() + "," + t.bidSize() + "," + t.askSize() + ","
            + t.last() + "," + t.lastSize() + "," + t.seq() + "\n";
        imports.write(at.toString().replace('T', ' ').replace("Z", "") + rest);
        replay.write(at + rest);
      }
    }
  }
}
