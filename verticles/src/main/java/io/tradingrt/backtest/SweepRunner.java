package io.tradingrt.backtest;

import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the parameter sets of a sweep and returns them ranked ({@link Sweep#RANKING}): on this machine's cores
 * ({@link LocalSweepRunner}) or, behind the same interface, spread over the cluster's {@code backtest} nodes. The
 * API and the CLI ask for a sweep through this and do not know which.
 */
public interface SweepRunner {

  /**
   * @param spec     the run's sections, each set's values applied to its strategies
   * @param sets     the parameter sets, in the order given (the ranking's last tie-break)
   * @param sources  a fresh source of the same ticks for each run
   * @param progress told after each finished run
   */
  List<Sweep.Run> run(BacktestSpec spec, List<SweepGrid.ParameterSet> sets, Supplier<TickSource> sources,
                      Sweep.Progress progress) throws InterruptedException;
}
