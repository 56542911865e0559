package io.tradingrt.backtest;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.config.ExecutionSettings;
import io.tradingrt.config.InstrumentSettings;
import io.tradingrt.config.RiskSettings;
import io.tradingrt.config.RuntimeSettings;
import io.tradingrt.config.StrategySettings;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one backtest runs: the same sections of runtime.json the live roles read (strategies, instruments, risk,
 * execution, the portfolio's initial cash, bar timeframes), and the equity curve's first interval and bound.
 */
public record BacktestSpec(List<StrategySettings> strategies, Map<String, InstrumentSettings> instruments,
                           RiskSettings risk, ExecutionSettings execution, Fixed initialCash, List<String> timeframes,
                           long curveIntervalMicros, int curvePoints) {
  public static final long DEFAULT_CURVE_INTERVAL_MICROS = 1_000_000L;
  public static final int DEFAULT_CURVE_POINTS = 5_000;

  public BacktestSpec {
    strategies = List.copyOf(strategies);
    instruments = Map.copyOf(instruments);
    timeframes = List.copyOf(timeframes);
    if (strategies.isEmpty()) {
      throw new IllegalArgumentException("a backtest needs at least one strategy (the strategies section is empty)");
    }
    Set<String> names = new HashSet<>();
    for (StrategySettings s : strategies) {
      if (!names.add(s.name())) {
        throw new IllegalArgumentException("two strategies are named '" + s.name() + "'");
      }
    }
  }

  /** The live configuration's sections, as the roles of one node would read them. */
  public static BacktestSpec of(RuntimeSettings settings) {
    return new BacktestSpec(settings.strategies(), settings.instruments(), settings.risk(), settings.execution(),
        settings.initialCash(), settings.bars().timeframes(), DEFAULT_CURVE_INTERVAL_MICROS, DEFAULT_CURVE_POINTS);
  }

  public BacktestSpec withStrategies(List<StrategySettings> replaced) {
    return new BacktestSpec(replaced, instruments, risk, execution, initialCash, timeframes, curveIntervalMicros,
        curvePoints);
  }

  public BacktestSpec withCurve(long intervalMicros, int points) {
    return new BacktestSpec(strategies, instruments, risk, execution, initialCash, timeframes, intervalMicros, points);
  }

  /** Every symbol a strategy trades, in order: risk knows these instruments, as live risk knows the fed symbols. */
  public List<String> tradedSymbols() {
    Set<String> symbols = new TreeSet<>();
    strategies.forEach(s -> symbols.addAll(s.symbols()));
    return List.copyOf(symbols);
  }
}
