package io.tradingrt.backtest;

import java.util.List;

/**
 * Runs the parameter sets of a sweep and returns them ranked ({@link Sweep#RANKING}): on this machine's cores
 * ({@link LocalSweepRunner}) or spread over the cluster's nodes with the {@code backtest} role
 * ({@link ClusterSweepRunner}). Either gives the same ranked runs for the same inputs: each run is deterministic.
 * Blocks until the sweep is done: call it off the event loops.
 */
public interface SweepRunner {

  List<Sweep.Run> run(BacktestSpec spec, List<SweepGrid.ParameterSet> sets, TickData data, Sweep.Progress progress)
      throws InterruptedException;
}
