package io.tradingrt.backtest;

import java.util.List;

/** A sweep on this machine: {@link Sweep} on a fixed pool of {@code threads}, one source per run. */
public record LocalSweepRunner(int threads) implements SweepRunner {
  public LocalSweepRunner {
    if (threads < 1) {
      throw new IllegalArgumentException("a sweep needs at least one thread, got " + threads);
    }
  }

  /** One thread per core. */
  public static LocalSweepRunner onAllCores() {
    return new LocalSweepRunner(Runtime.getRuntime().availableProcessors());
  }

  @Override
  public List<Sweep.Run> run(BacktestSpec spec, List<SweepGrid.ParameterSet> sets, TickData data,
                             Sweep.Progress progress) throws InterruptedException {
    return Sweep.run(spec, sets, data::open, threads, progress);
  }
}
