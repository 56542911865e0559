package io.tradingrt.launcher;

import io.tradingrt.backtest.BacktestEngine;
import io.tradingrt.backtest.BacktestResult;
import io.tradingrt.backtest.BacktestSpec;
import io.tradingrt.backtest.BacktestStore;
import io.tradingrt.backtest.CsvTickSource;
import io.tradingrt.backtest.DuckDbTickSource;
import io.tradingrt.backtest.PrefetchedTickSource;
import io.tradingrt.backtest.Figures;
import io.tradingrt.backtest.ReportJson;
import io.tradingrt.backtest.Sweep;
import io.tradingrt.backtest.SweepGrid;
import io.tradingrt.backtest.TickRange;
import io.tradingrt.backtest.TickSource;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.storage.database.DatabaseLockedException;
import io.tradingrt.storage.database.DuckDb;
import io.tradingrt.storage.schema.Migrations;
import io.tradingrt.time.MicrosClock;
import org.duckdb.DuckDBConnection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code backtest}: the configured strategies over stored or recorded ticks through the live cores in data time
 * (docs/backtest.md). Prints a progress line on stderr and a summary table on stdout, exports JSON to {@code --out}
 * and stores the run in the runtime's database unless {@code --no-store}. The database, as source or as store,
 * must not be held by a running runtime: stop it, or backtest a copy (a restored backup).
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, description = {
    "Runs the configured strategies (-conf) over ticks in data time through the same",
    "risk, broker, portfolio and bar cores as the live runtime; prints a summary, writes",
    "report.json, equity.json, fills.json and run.json to --out and stores the run in",
    "the database (tables backtest_runs, backtest_fills, backtest_equity).",
    "The database must not be open in a running runtime: stop it, or restore a backup",
    "to a copy and pass --source db COPY."})
final class BacktestCommand implements Callable<Integer> {
  @Mixin
  Tools.Conf conf;
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;
  @Option(names = "--from", paramLabel = "TIME", description = "first tick time, inclusive: 2024-01-02, "
      + "2024-01-02T14:30:00Z or epoch µs (default: the first tick)")
  String from;
  @Option(names = "--to", paramLabel = "TIME", description = "end time, exclusive (default: after the last tick)")
  String to;
  @Option(names = "--symbols", split = ",", paramLabel = "SYM", description = "only these symbols (default: all)")
  List<String> symbols = new ArrayList<>();
  @Option(names = "--source", arity = "1..2", paramLabel = "KIND [PATH]", description = "db [FILE] (default: "
      + "storage.path), csv FILE (the replay format) or parquet FILE|GLOB")
  List<String> source = new ArrayList<>();
  @Option(names = "--out", paramLabel = "DIR", description = "directory for the JSON report (default: "
      + "backtests/RUN_ID)")
  Path out;
  @Option(names = "--sweep", paramLabel = "FILE|JSON", description = "parameter sets: an object is a grid, an array "
      + "a list, e.g. {\"momentum\":{\"fast\":[3,5],\"slow\":[20,40]}}")
  String sweep;
  @Option(names = "--threads", paramLabel = "N", description = "sweep runs in parallel (default: the cores, "
      + "${DEFAULT-VALUE})", defaultValue = "0")
  int threads;
  @Option(names = "--no-store", description = "do not store the run in the database")
  boolean noStore;

  @Override
  public Integer call() throws Exception {
    RuntimeSettings settings = conf.load();
    TickRange range = new TickRange(time(from, "--from", Long.MIN_VALUE), time(to, "--to", Long.MAX_VALUE),
        Set.copyOf(symbols));
    Supplier<TickSource> sources = sources(settings, range);
    BacktestSpec backtest = BacktestSpec.of(settings);
    String runId = "bt-" + Long.toString(MicrosClock.SYSTEM.nowMicros(), 36);
    Path dir = out != null ? out : Path.of("backtests", runId);
    if (sweep != null) {
      return sweep(backtest, SweepGrid.parse(sweep), sources, runId, dir, range);
    }
    ProgressLine progress = new ProgressLine(System.err);
    long started = System.nanoTime();
    BacktestResult result;
    // one run: the source is read ahead on a second core while the cores run on this thread (a sweep's threads
    // already use every core, so its runs read their own sources)
    try (TickSource ticks = new PrefetchedTickSource(sources.get(), 4)) {
      result = new BacktestEngine(backtest).run(ticks, progress);
    }
    long wallMillis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
    progress.done(result.ticks(), result.lastMicros());
    ReportJson.export(result, run(runId, null, result, wallMillis), dir);
    String stored = store(settings, List.of(new Stored(new BacktestStore.Run(runId, null,
        MicrosClock.SYSTEM.nowMicros(), range.fromMicros(), range.toMicros(), backtest.strategies(), wallMillis),
        result)));
    PrintStream o = System.out;
    o.printf(Locale.ROOT, "backtest %s: %,d ticks from %s in %.1f s (%,.0f ticks/s), %,d fills, fills hash %s%n",
        runId, result.ticks(), result.source(), wallMillis / 1000.0, result.ticks() * 1000.0 / wallMillis,
        result.fills().size(), result.fillsHash().substring(0, 16));
    o.println(SummaryTable.header());
    o.println(SummaryTable.row(result.total()));
    result.strategies().forEach(f -> o.println(SummaryTable.row(f)));
    result.symbols().forEach(f -> o.println(SummaryTable.row(f)));
    o.println("report: " + dir.toAbsolutePath() + stored);
    return 0;
  }

  private int sweep(BacktestSpec backtest, List<SweepGrid.ParameterSet> sets, Supplier<TickSource> sources,
                    String sweepId, Path dir, TickRange range) throws Exception {
    int pool = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    long started = System.nanoTime();
    List<Sweep.Run> runs = Sweep.run(backtest, sets, sources, pool, (done, of, ticks) -> {
      double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
      System.err.printf(Locale.ROOT, "\rsweep: %d / %d runs, %,d ticks, %,.0f ticks/s   ", done, of, ticks,
          ticks / seconds);
    });
    System.err.println();
    long wallMillis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
    long ticks = runs.stream().mapToLong(r -> r.result().ticks()).sum();
    List<Stored> stored = new ArrayList<>();
    List<Map<String, Object>> ranking = new ArrayList<>();
    int rank = 0;
    for (Sweep.Run run : runs) {
      String runId = sweepId + "-" + (run.index() + 1);
      ReportJson.export(run.result(), run(runId, sweepId, run.result(), run.wallMillis()), dir.resolve(runId));
      stored.add(new Stored(new BacktestStore.Run(runId, sweepId, MicrosClock.SYSTEM.nowMicros(),
          range.fromMicros(), range.toMicros(), run.parameters().apply(backtest.strategies()), run.wallMillis()),
          run.result()));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("rank", ++rank);
      row.put("runId", runId);
      row.put("parameters", run.parameters().label());
      row.put("total", run.result().total());
      ranking.add(row);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("sweepId", sweepId);
    summary.put("threads", pool);
    summary.put("ticks", ticks);
    summary.put("wallMillis", wallMillis);
    summary.put("runs", ranking);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("sweep.json"), ReportJson.write(summary));
    String where = store(conf.load(), stored);
    PrintStream o = System.out;
    o.printf(Locale.ROOT, "sweep %s: %d runs on %d threads, %,d ticks in %.1f s (%,.0f ticks/s in all)%n", sweepId,
        runs.size(), pool, ticks, wallMillis / 1000.0, ticks * 1000.0 / wallMillis);
    o.println(String.format(Locale.ROOT, "%-4s %-14s ", "rank", "run") + SummaryTable.header().substring(20)
        + "  parameters");
    rank = 0;
    for (Sweep.Run run : runs) {
      o.println(String.format(Locale.ROOT, "%-4d %-14s ", ++rank, "#" + (run.index() + 1))
          + SummaryTable.row(run.result().total()).substring(20) + "  " + run.parameters().label());
    }
    o.println("report: " + dir.toAbsolutePath() + where);
    return 0;
  }

  private record Stored(BacktestStore.Run run, BacktestResult result) {
  }

  private String store(RuntimeSettings settings, List<Stored> runs) throws java.sql.SQLException {
    if (noStore) {
      return "";
    }
    try (DuckDBConnection connection = DuckDb.open(settings.storage())) {
      Migrations.fromClasspath().apply(connection);
      BacktestStore store = new BacktestStore(connection);
      runs.forEach(s -> store.save(s.run(), s.result()));
    } catch (DatabaseLockedException e) {
      throw new IllegalStateException(e.getMessage() + ": the report is in --out; stop the runtime to store runs, "
          + "or pass --no-store");
    }
    return "; stored in " + settings.storage().path() + " (" + runs.size() + (runs.size() == 1 ? " run)" : " runs)");
  }

  private static Map<String, Object> run(String runId, String sweepId, BacktestResult result, long wallMillis) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("runId", runId);
    run.put("sweepId", sweepId);
    run.put("source", result.source());
    run.put("ticks", result.ticks());
    run.put("wallMillis", wallMillis);
    run.put("ticksPerSecond", result.ticks() * 1000 / Math.max(1, wallMillis));
    run.put("finishedAt", Instant.now().toString());
    return run;
  }

  private Supplier<TickSource> sources(RuntimeSettings settings, TickRange range) {
    String kind = source.isEmpty() ? "db" : source.get(0);
    Path path = source.size() > 1 ? Path.of(source.get(1)) : null;
    switch (kind) {
      case "db" -> {
        Path file = path != null ? path : settings.storage().file();
        if (!Files.isRegularFile(file)) {
          throw usage("no database file " + file + " (import ticks first, or name another: --source db FILE)");
        }
        return () -> {
          try {
            return DuckDbTickSource.stored(file, range);
          } catch (DatabaseLockedException e) {
            throw new IllegalStateException(e.getMessage() + ": stop the runtime, or restore a backup to a copy "
                + "(runtime restore DIR --to COPY) and pass --source db COPY");
          }
        };
      }
      case "csv" -> {
        Path file = required(path, "csv");
        if (!Files.isRegularFile(file)) {
          throw usage("no file " + file);
        }
        return () -> new CsvTickSource(file, range);
      }
      case "parquet" -> {
        Path files = required(path, "parquet");
        return () -> DuckDbTickSource.parquet(files, range);
      }
      default -> throw usage("--source is db, csv or parquet, not '" + kind + "'");
    }
  }

  private Path required(Path path, String kind) {
    if (path == null) {
      throw usage("--source " + kind + " needs a PATH");
    }
    return path;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /** A date (its UTC midnight), an ISO-8601 instant or epoch microseconds. */
  private long time(String text, String option, long absent) {
    if (text == null) {
      return absent;
    }
    String t = text.trim();
    try {
      if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
        return Long.parseLong(t);
      }
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
      }
      Instant instant = Instant.parse(t);
      return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    } catch (DateTimeParseException | NumberFormatException e) {
      throw usage(option + " takes 2024-01-02, 2024-01-02T14:30:00Z or epoch microseconds, not '" + text + "'");
    }
  }

  /** The progress line on stderr, rewritten in place: ticks done, ticks per second, the data time reached. */
  static final class ProgressLine implements BacktestEngine.Progress {
    private final PrintStream err;
    private final long started = System.nanoTime();

    ProgressLine(PrintStream err) {
      this.err = err;
    }

    @Override
    public void ticks(long done, long dataMicros) {
      double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
      err.printf(Locale.ROOT, "\rbacktest: %,d ticks  %,.0f ticks/s  at %s   ", done, done / seconds,
          Instant.ofEpochSecond(Math.floorDiv(dataMicros, 1_000_000L)));
    }

    void done(long ticks, long lastMicros) {
      ticks(ticks, lastMicros);
      err.println();
    }
  }

  /** The summary table's columns. */
  static final class SummaryTable {
    private static final String FORMAT = "%-20s %16s %9s %10s %7s %7s %14s %9s %9s %6s %6s %16s %12s %6s";

    private SummaryTable() {
    }

    static String header() {
      return String.format(Locale.ROOT, FORMAT, "scope", "final equity", "return", "annual", "sharpe", "sortino",
          "max drawdown", "dd time", "fills", "win", "pf", "turnover", "fees", "expo");
    }

    static String row(Figures f) {
      return String.format(Locale.ROOT, FORMAT, f.scope(), f.finalEquity().toBigDecimal().setScale(2,
              java.math.RoundingMode.HALF_EVEN), pct(f.totalReturn()), pct(f.annualizedReturn()), num(f.sharpe()),
          num(f.sortino()), f.maxDrawdown().toBigDecimal().setScale(2, java.math.RoundingMode.HALF_EVEN),
          duration(f.maxDrawdownMicros()), f.fills(), pct0(f.winRate()), num(f.profitFactor()),
          f.turnover().toBigDecimal().setScale(0, java.math.RoundingMode.HALF_EVEN),
          f.fees().toBigDecimal().setScale(2, java.math.RoundingMode.HALF_EVEN), pct0(f.exposureFraction()));
    }

    private static String pct(Double v) {
      return v == null ? "-" : String.format(Locale.ROOT, "%.3f%%", v * 100);
    }

    private static String pct0(Double v) {
      return v == null ? "-" : String.format(Locale.ROOT, "%.0f%%", v * 100);
    }

    private static String num(Double v) {
      return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String duration(long micros) {
      long s = micros / 1_000_000;
      return s >= 86_400 ? String.format(Locale.ROOT, "%.1fd", s / 86_400.0)
          : s >= 3_600 ? String.format(Locale.ROOT, "%.1fh", s / 3_600.0)
          : s >= 60 ? String.format(Locale.ROOT, "%.1fm", s / 60.0) : s + "s";
    }
  }
}
