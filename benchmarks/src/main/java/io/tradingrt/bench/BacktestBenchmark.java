package io.tradingrt.bench;

import io.tradingrt.backtest.BacktestEngine;
import io.tradingrt.backtest.BacktestResult;
import io.tradingrt.backtest.BacktestSpec;
import io.tradingrt.backtest.DuckDbTickSource;
import io.tradingrt.backtest.GeneratedTickSource;
import io.tradingrt.backtest.PrefetchedTickSource;
import io.tradingrt.backtest.Sweep;
import io.tradingrt.backtest.SweepGrid;
import io.tradingrt.backtest.TickRange;
import io.tradingrt.backtest.TickSource;
import io.tradingrt.codecs.Tick;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.storage.database.DuckDb;
import io.tradingrt.storage.schema.Migrations;
import io.tradingrt.storage.writer.StorageWriter;
import org.duckdb.DuckDBConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Backtest throughput (docs/benchmarks.md, scripts/bench.sh backtest): the default strategies and configuration over
 * N stored ticks of the default five symbols. Measures, the median of {@code runs}: reading alone (the DuckDB cursor of
 * the db source, drained), the cores alone (ticks already in memory; two more runs, the first ones warm the JIT up), one
 * whole run (db source → cores, one thread), and a sweep of 16 parameter sets on 1 thread and on every core, over
 * ticks in memory.
 * Args: [ticks (10,000,000)] [database file (target/bench-backtest.duckdb)] [runs (3)] [in-memory ticks (2,000,000)]
 */
public final class BacktestBenchmark {

  public static void main(String[] args) throws Exception {
    long ticks = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    Path file = Path.of(args.length > 1 ? args[1] : "target/bench-backtest.duckdb");
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int inMemory = args.length > 3 ? Integer.parseInt(args[3]) : 2_000_000;
    RuntimeSettings settings = RuntimeSettings.defaults();
    BacktestSpec spec = BacktestSpec.of(settings);
    long start = 1_704_196_800_000_000L;
    long step = 10_000; // 100 ticks/s of data: 10 M ticks are 27.8 hours, so a session roll happens
    store(file, settings, ticks, start, step);
    System.out.printf(Locale.ROOT, "cores: %d, ticks stored: %,d in %s (%,d MB)%n",
        Runtime.getRuntime().availableProcessors(), ticks, file, Files.size(file) >> 20);

    double read = median(runs, () -> {
      long n = 0;
      try (TickSource source = DuckDbTickSource.stored(file, TickRange.ALL)) {
        while (source.next() != null) {
          n++;
        }
      }
      return n;
    });
    System.out.printf(Locale.ROOT, "reading (db cursor, drained):        %,12.0f ticks/s%n", read);

    List<Tick> memory = new ArrayList<>(inMemory);
    try (TickSource source = new GeneratedTickSource(settings.ingest(), inMemory, start, step)) {
      Tick t;
      while ((t = source.next()) != null) {
        memory.add(t);
      }
    }
    double cores = median(runs + 2,
        () -> new BacktestEngine(spec).run(list(memory), BacktestEngine.Progress.NONE).ticks());
    System.out.printf(Locale.ROOT, "cores (%,d ticks in memory):     %,12.0f ticks/s%n", inMemory, cores);

    BacktestResult[] last = new BacktestResult[1];
    double whole = median(runs, () -> {
      try (TickSource source = DuckDbTickSource.stored(file, TickRange.ALL)) {
        last[0] = new BacktestEngine(spec).run(source, BacktestEngine.Progress.NONE);
      }
      return last[0].ticks();
    });
    System.out.printf(Locale.ROOT, "one backtest, db source, one thread: %,12.0f ticks/s (%,d fills, %,d ticks)%n",
        whole, last[0].fills().size(), last[0].ticks());
    String hash = last[0].fillsHash();
    double ahead = median(runs, () -> {
      try (TickSource source = new PrefetchedTickSource(DuckDbTickSource.stored(file, TickRange.ALL), 4)) {
        last[0] = new BacktestEngine(spec).run(source, BacktestEngine.Progress.NONE);
      }
      return last[0].ticks();
    });
    System.out.printf(Locale.ROOT, "one backtest, db read ahead:         %,12.0f ticks/s (%.2fx; same fills: %s)%n",
        ahead, ahead / whole, hash.equals(last[0].fillsHash()));

    List<SweepGrid.ParameterSet> sets = SweepGrid.parse("{\"momentum\": {\"fast\": [3, 5, 8, 10], "
        + "\"slow\": [20, 30, 40, 60]}}");
    int threads = Runtime.getRuntime().availableProcessors();
    double oneThread = sweep(spec, sets, memory, 1);
    double allThreads = sweep(spec, sets, memory, threads);
    System.out.printf(Locale.ROOT, "sweep of %d sets, 1 thread:          %,12.0f ticks/s%n", sets.size(), oneThread);
    System.out.printf(Locale.ROOT, "sweep of %d sets, %d threads:         %,12.0f ticks/s (%.2fx)%n", sets.size(),
        threads, allThreads, allThreads / oneThread);
  }

  private static double sweep(BacktestSpec spec, List<SweepGrid.ParameterSet> sets, List<Tick> memory, int threads)
      throws InterruptedException {
    long started = System.nanoTime();
    List<Sweep.Run> runs = Sweep.run(spec, sets, () -> list(memory), threads, (done, of, n) -> { });
    long ticks = runs.stream().mapToLong(r -> r.result().ticks()).sum();
    return ticks / ((System.nanoTime() - started) / 1e9);
  }

  /** The stored ticks: generated once into the file and kept for later runs with the same count. */
  private static void store(Path file, RuntimeSettings settings, long ticks, long start, long step) throws Exception {
    Path marker = Path.of(file + "." + ticks + ".done");
    if (Files.exists(marker) && Files.exists(file)) {
      return;
    }
    Files.deleteIfExists(file);
    Files.createDirectories(file.toAbsolutePath().getParent());
    long started = System.nanoTime();
    try (DuckDBConnection connection = DuckDb.open(file, "2GB", 2)) {
      Migrations.fromClasspath().apply(connection);
      try (StorageWriter writer = new StorageWriter(connection.duplicate(), () -> start);
           TickSource source = new GeneratedTickSource(settings.ingest(), ticks, start, step)) {
        List<Tick> chunk = new ArrayList<>(100_000);
        Tick t;
        while ((t = source.next()) != null) {
          chunk.add(t);
          if (chunk.size() == 100_000) {
            writer.appendTicks(chunk);
            writer.flush();
            chunk.clear();
          }
        }
        writer.appendTicks(chunk);
        writer.flush();
      }
    }
    Files.writeString(marker, "");
    System.out.printf(Locale.ROOT, "stored %,d ticks in %.1f s%n", ticks, (System.nanoTime() - started) / 1e9);
  }

  private static TickSource list(List<Tick> ticks) {
    return new TickSource() {
      private int next;

      @Override
      public Tick next() {
        return next < ticks.size() ? ticks.get(next++) : null;
      }

      @Override
      public String describe() {
        return "memory";
      }

      @Override
      public void close() {
      }
    };
  }

  @FunctionalInterface
  private interface Measured {
    long run() throws Exception;
  }

  /** The median rate of {@code runs} runs (this machine is shared and noisy: never one run, never the best). */
  private static double median(int runs, Measured measured) throws Exception {
    double[] rates = new double[runs];
    for (int i = 0; i < runs; i++) {
      long started = System.nanoTime();
      long n = measured.run();
      rates[i] = n / ((System.nanoTime() - started) / 1e9);
    }
    Arrays.sort(rates);
    return rates[runs / 2];
  }
}
