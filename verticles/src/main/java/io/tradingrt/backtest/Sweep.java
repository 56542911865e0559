package io.tradingrt.backtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs one engine per parameter set on a fixed pool of threads (one per core by default), each reading its own
 * source, and ranks the results: by Sharpe, then total return (a run without a Sharpe ranks last), then by the order
 * the sets were given, so the ranking is deterministic.
 */
public final class Sweep {

  /** This machine, as the node that ran a set of a local sweep. */
  public static final String LOCAL = "local";

  /** One finished run of a sweep, and the node that ran it ({@link #LOCAL} on this machine). */
  public record Run(int index, SweepGrid.ParameterSet parameters, BacktestResult result, long wallMillis,
                    String node) {
    public Run(int index, SweepGrid.ParameterSet parameters, BacktestResult result, long wallMillis) {
      this(index, parameters, result, wallMillis, LOCAL);
    }
  }

  /** Told after each finished run: runs done, ticks done in all. */
  @FunctionalInterface
  public interface Progress {
    void runs(int done, int of, long ticks);
  }

  private Sweep() {
  }

  public static List<Run> run(BacktestSpec spec, List<SweepGrid.ParameterSet> sets, Supplier<TickSource> sources,
                              int threads, Progress progress) throws InterruptedException {
    List<BacktestSpec> specs = sets.stream().map(set -> spec.withStrategies(set.apply(spec.strategies()))).toList();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread thread = new Thread(r, "backtest-sweep");
      thread.setDaemon(true);
      return thread;
    });
    AtomicLong ticks = new AtomicLong();
    int[] done = {0};
    try {
      List<Future<Run>> futures = new ArrayList<>();
      for (int i = 0; i < sets.size(); i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          long started = System.nanoTime();
          BacktestResult result;
          try (TickSource source = sources.get()) {
            result = new BacktestEngine(specs.get(index)).run(source, BacktestEngine.Progress.NONE);
          }
          Run run = new Run(index, sets.get(index), result, (System.nanoTime() - started) / 1_000_000);
          long all = ticks.addAndGet(result.ticks());
          synchronized (done) {
            progress.runs(++done[0], sets.size(), all);
          }
          return run;
        }));
      }
      List<Run> runs = new ArrayList<>();
      for (Future<Run> future : futures) {
        try {
          runs.add(future.get());
        } catch (ExecutionException e) {
          throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
      }
      runs.sort(RANKING);
      return runs;
    } finally {
      pool.shutdownNow();
    }
  }

  static final Comparator<Run> RANKING = Comparator
      .comparing((Run r) -> r.result().total().sharpe(), Comparator.nullsLast(Comparator.reverseOrder()))
      .thenComparing(r -> r.result().total().totalReturn(), Comparator.reverseOrder())
      .thenComparingInt(Run::index);
}
