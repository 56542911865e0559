package io.tradingrt.backtest;

import java.util.List;
import java.util.function.Supplier;

/** Every set on a pool of {@code threads} threads of this JVM, one engine and one source per set ({@link Sweep}). */
public final class LocalSweepRunner implements SweepRunner {
  private final int threads;

  public LocalSweepRunner(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("a sweep needs at least one thread, got " + threads);
    }
    this.threads = threads;
  }

  /** One thread per core. */
  public static LocalSweepRunner allCores() {
    return new LocalSweepRunner(Runtime.getRuntime().availableProcessors());
  }

  public int threads() {
    return threads;
  }

  @Override
  public List<Sweep.Run> run(BacktestSpec spec, List<SweepGrid.ParameterSet> sets, Supplier<TickSource> sources,
                             Sweep.Progress progress) throws InterruptedException {
    return Sweep.run(spec, sets, sources, Math.min(threads, Math.max(1, sets.size())), progress);
  }
}
