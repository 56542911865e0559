package io.tradingrt.backtest;

import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Backtests on a running runtime (docs/backtest.md): a checked {@link BacktestRequest} becomes a run of the
 * {@link BacktestRuns} registry, which reads its ticks through a reader's connection (never the writer's), runs the
 * engine or a sweep ({@link SweepRunner}) on the registry's executor, and stores the result through the single
 * writer before it is DONE. Lists and reads stored runs for the API. No Vert.x: its verticle relays the bus to it.
 */
public final class BacktestService {

  /** The storage this service uses: a reader's duplicate connection, and the one writer. */
  public interface Database {
    /** Runs {@code query} on a reader connection of its own (held for a whole run when reading its ticks). */
    <T> T read(Function<DuckDBConnection, T> query);

    /** Runs {@code work} on the writer between its commits and returns once it is done; throws if it failed. */
    void write(String name, Consumer<DuckDBConnection> work);
  }

  public static final int MAX_LIST = 200;
  public static final int MAX_FILLS_PAGE = 10_000;

  private final BacktestSpec configured;
  private final Path dataRoot;
  private final Database database;
  private final SweepRunner sweeps;
  private final BacktestRuns runs;

  public BacktestService(BacktestSpec configured, Path dataRoot, Database database, SweepRunner sweeps,
                         BacktestRuns runs) {
    this.configured = configured;
    this.dataRoot = dataRoot;
    this.database = database;
    this.sweeps = sweeps;
    this.runs = runs;
  }

  /** The directory csv and parquet sources of a request must lie in: {@code backtest-data} beside the database. */
  public static Path dataRoot(Path databaseFile) {
    Path parent = databaseFile.toAbsolutePath().getParent();
    return parent.resolve("backtest-data");
  }

  /**
   * Checks and starts a request.
   *
   * @throws BacktestRequest.Refused a request that cannot run (400)
   * @throws BacktestRuns.Busy       as many runs in progress as allowed (429)
   */
  public Map<String, Object> start(String json) {
    BacktestRequest request = BacktestRequest.parse(json, configured, dataRoot);
    BacktestRuns.View view = request.sweep() == null
        ? runs.start("run", 1, (started, tracker) -> runOne(request, started, tracker))
        : runs.start("sweep", request.sweep().size(), (started, tracker) -> runSweep(request, started, tracker));
    return json(view, false);
  }

  /** A run is stored as created when it was asked for, so the list orders runs by when they were started. */
  private String runOne(BacktestRequest request, BacktestRuns.View started, BacktestRuns.Tracker tracker) {
    long began = System.nanoTime();
    BacktestResult result = withSource(request, (sources, expected) -> {
      try (TickSource source = sources.get()) {
        tracker.ticks(0, expected);
        return new BacktestEngine(request.spec()).run(source, (done, micros) -> tracker.ticks(done, expected));
      }
    });
    long wallMillis = Math.max(1, (System.nanoTime() - began) / 1_000_000);
    if (result.ticks() == 0) {
      throw new IllegalStateException("no ticks in " + result.source() + " for this range and these symbols");
    }
    tracker.ticks(result.ticks(), result.ticks());
    store(List.of(new Stored(new BacktestStore.Run(started.runId(), null, started.createdMicros(),
        request.range().fromMicros(),
        request.range().toMicros(), request.spec().strategies(), wallMillis), result)));
    return ReportJson.report(result);
  }

  private String runSweep(BacktestRequest request, BacktestRuns.View started, BacktestRuns.Tracker tracker) {
    String sweepId = started.runId();
    long began = System.nanoTime();
    List<Sweep.Run> ranked = withSource(request, (sources, expected) -> {
      try {
        return sweeps.run(request.spec(), request.sweep(), sources, tracker::runs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("the sweep was interrupted");
      }
    });
    long wallMillis = Math.max(1, (System.nanoTime() - began) / 1_000_000);
    List<Stored> stored = new ArrayList<>();
    List<Map<String, Object>> ranking = new ArrayList<>();
    for (Sweep.Run run : ranked) {
      String runId = sweepId + "-" + (run.index() + 1);
      stored.add(new Stored(new BacktestStore.Run(runId, sweepId, started.createdMicros(),
          request.range().fromMicros(),
          request.range().toMicros(), run.parameters().apply(request.spec().strategies()), run.wallMillis()),
          run.result()));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("rank", ranking.size() + 1);
      row.put("runId", runId);
      row.put("parameters", run.parameters().label());
      row.put("fillsHash", run.result().fillsHash());
      row.put("total", run.result().total());
      ranking.add(row);
    }
    store(stored);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("sweepId", sweepId);
    summary.put("ticks", ranked.stream().mapToLong(r -> r.result().ticks()).sum());
    summary.put("wallMillis", wallMillis);
    summary.put("runs", ranking);
    return ReportJson.write(summary);
  }

  private record Stored(BacktestStore.Run run, BacktestResult result) {
  }

  private void store(List<Stored> stored) {
    database.write("backtest store", c -> {
      BacktestStore store = new BacktestStore(c);
      stored.forEach(s -> store.save(s.run(), s.result()));
    });
  }

  private interface WithSource<T> {
    T run(Supplier<TickSource> sources, long expectedTicks);
  }

  /** Opens the request's source: stored ticks on a reader connection held for the run, or a file of the data dir. */
  private <T> T withSource(BacktestRequest request, WithSource<T> work) {
    BacktestRequest.Source source = request.source();
    TickRange range = request.range();
    return switch (source.kind()) {
      case "db" -> database.read(connection -> work.run(() -> ownDuplicate(connection, range),
          DuckDbTickSource.countStored(connection, range)));
      case "csv" -> work.run(() -> described(new CsvTickSource(source.path(), range), source), lines(source.path()));
      default -> work.run(() -> described(DuckDbTickSource.parquet(source.path(), range), source),
          DuckDbTickSource.countParquet(source.path(), range));
    };
  }

  /** A source on a duplicate of the reader's connection, closed with it: each sweep run reads on its own. */
  private static TickSource ownDuplicate(DuckDBConnection reader, TickRange range) {
    DuckDBConnection duplicate;
    try {
      duplicate = (DuckDBConnection) reader.duplicate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open a connection to read the stored ticks: " + e.getMessage(), e);
    }
    return new Wrapped(DuckDbTickSource.stored(duplicate, "db:stored ticks", range), "db:stored ticks", () -> {
      try {
        duplicate.close();
      } catch (SQLException ignored) {
        // a read-only duplicate: nothing is lost
      }
    });
  }

  /** Reports name a file by its path in the data directory, not by where that directory is on the server. */
  private TickSource described(TickSource source, BacktestRequest.Source given) {
    return new Wrapped(source, given.kind() + ":" + dataRoot.toAbsolutePath().normalize()
        .relativize(given.path().toAbsolutePath().normalize()), () -> { });
  }

  private record Wrapped(TickSource ticks, String description, Runnable afterClose) implements TickSource {
    @Override
    public io.tradingrt.codecs.Tick next() {
      return ticks.next();
    }

    @Override
    public String describe() {
      return description;
    }

    @Override
    public long skipped() {
      return ticks.skipped();
    }

    @Override
    public void close() {
      ticks.close();
      afterClose.run();
    }
  }

  /** Lines after the header: the ticks a CSV holds at most, for the progress figure. */
  private static long lines(Path file) {
    long lines = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
    }
    return Math.max(0, lines - 1);
  }

  /** This node's runs in progress or failed, and the stored runs, newest first. */
  public List<Map<String, Object>> list(int limit) {
    List<Map<String, Object>> all = new ArrayList<>();
    for (BacktestRuns.View view : runs.list()) {
      // a finished run is stored before it is DONE, so the stored row lists it; a sweep's own entry is not a row
      if (view.status() != BacktestRuns.Status.DONE || "sweep".equals(view.kind())) {
        all.add(json(view, false));
      }
    }
    all.addAll(database.read(c -> new BacktestQueries(c).runs(limit)));
    // newest first; a sweep (bt-x) before its runs (bt-x-1, bt-x-2), which share its creation time
    all.sort(Comparator.comparing((Map<String, Object> m) -> (Long) m.get("createdMicros")).reversed()
        .thenComparing(m -> (String) m.get("runId")));
    return all.size() > limit ? new ArrayList<>(all.subList(0, limit)) : all;
  }

  /** A run of this node (any status) or a stored one, with its report when done. */
  public Optional<Map<String, Object>> get(String runId) {
    Optional<BacktestRuns.View> view = runs.get(runId);
    if (view.isPresent()) {
      return Optional.of(json(view.get(), true));
    }
    return database.read(c -> new BacktestQueries(c).run(runId));
  }

  /** A stored run's curve, or empty when no stored run has this id. */
  public Optional<Map<String, Object>> equity(String runId) {
    return database.read(c -> {
      BacktestQueries queries = new BacktestQueries(c);
      if (queries.run(runId).isEmpty()) {
        return Optional.empty();
      }
      Map<String, Object> curve = new LinkedHashMap<>();
      curve.put("runId", runId);
      curve.put("points", queries.equity(runId));
      return Optional.of(curve);
    });
  }

  /** A page of a stored run's fills, in order, or empty when no stored run has this id. */
  public Optional<Map<String, Object>> fills(String runId, long offset, int limit) {
    return database.read(c -> {
      BacktestQueries queries = new BacktestQueries(c);
      long total = queries.fillCount(runId);
      if (total == 0 && queries.run(runId).isEmpty()) {
        return Optional.empty();
      }
      List<?> items = queries.fills(runId, offset, limit);
      Map<String, Object> page = new LinkedHashMap<>();
      page.put("runId", runId);
      page.put("items", items);
      page.put("offset", offset);
      page.put("returned", items.size());
      page.put("total", total);
      return Optional.of(page);
    });
  }

  /** The JSON of a registry view; {@code withReport} embeds the report of a finished run as an object. */
  static Map<String, Object> json(BacktestRuns.View v, boolean withReport) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("runId", v.runId());
    run.put("kind", v.kind());
    run.put("status", v.status().name());
    run.put("progress", v.progress());
    run.put("ticks", v.ticks());
    run.put("expectedTicks", v.expectedTicks());
    if ("sweep".equals(v.kind())) {
      run.put("runsDone", v.runsDone());
      run.put("runs", v.runs());
    }
    run.put("createdMicros", v.createdMicros());
    run.put("createdAt", BacktestQueries.instant(v.createdMicros()));
    if (v.finishedMicros() != null) {
      run.put("finishedAt", BacktestQueries.instant(v.finishedMicros()));
    }
    if (v.message() != null) {
      run.put("message", v.message());
    }
    if (withReport && v.report() != null) {
      run.put("report", ReportJson.tree(v.report()));
    }
    return run;
  }
}
