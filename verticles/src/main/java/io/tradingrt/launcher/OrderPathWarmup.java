package io.tradingrt.launcher;

import io.tradingrt.backtest.BacktestEngine;
import io.tradingrt.backtest.BacktestResult;
import io.tradingrt.backtest.BacktestSpec;
import io.tradingrt.backtest.GeneratedTickSource;
import io.tradingrt.config.RuntimeSettings;

import java.util.logging.Logger;

/**
 * Compiles the order path before the first live orders need it. At the defaults' 50 ticks/s a few orders a second
 * cross strategy → risk → broker → portfolio, so that code runs interpreted for a minute or more and an order's
 * in-runtime tick-to-trade is several times what it is once compiled (docs/benchmarks.md, tick-to-trade). At start,
 * a background thread runs the configured strategies, {@code RiskEngine}, {@code PaperBroker} and {@code Portfolio}
 * — the classes the live verticles run — over generated ticks in data time through the {@link BacktestEngine}, on
 * instances of their own: it sends nothing, stores nothing and touches no live state; only the JIT keeps what it
 * learnt.
 */
final class OrderPathWarmup {
  private static final Logger LOG = Logger.getLogger(OrderPathWarmup.class.getName());
  /**
   * Enough that the hot methods reach C2: 1–2 s of one core here, ~5 s of wall time at minimum priority while the
   * runtime starts beside it.
   */
  static final long TICKS = 400_000;
  /** Generated data time: 2024-01-02 12:00 UTC, 100 ticks a second. */
  private static final long START_MICROS = 1_704_196_800_000_000L;
  private static final long STEP_MICROS = 10_000;

  private OrderPathWarmup() {
  }

  /** Starts the warm-up on a daemon thread when this node trades (a signal role with strategies); null otherwise. */
  static Thread startIfTrading(RuntimeSettings settings) {
    if (!settings.roles().contains("signal") || settings.strategies().isEmpty()) {
      return null;
    }
    Thread thread = new Thread(() -> run(settings, TICKS), "order-path-warmup");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
    return thread;
  }

  /** Runs the cores over {@code ticks} generated ticks; a failure is logged and costs only the warm-up. */
  static BacktestResult run(RuntimeSettings settings, long ticks) {
    long started = System.nanoTime();
    try (GeneratedTickSource source = new GeneratedTickSource(settings.ingest(), ticks, START_MICROS, STEP_MICROS)) {
      BacktestResult result = new BacktestEngine(BacktestSpec.of(settings)).run(source, BacktestEngine.Progress.NONE);
      long millis = (System.nanoTime() - started) / 1_000_000;
      LOG.info(() -> "runtime: order path warmed up on " + result.ticks() + " generated ticks and "
          + result.fills().size() + " fills in " + millis + " ms, apart from live state");
      return result;
    } catch (RuntimeException e) {
      LOG.warning(() -> "runtime: the order path warm-up failed (trading is not affected): " + e);
      return null;
    }
  }
}
