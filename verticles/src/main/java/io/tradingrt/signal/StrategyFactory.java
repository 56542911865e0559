package io.tradingrt.signal;

import io.tradingrt.config.StrategySettings;

/** Builds the strategy each typed entry of runtime.json's {@code strategies} list names. */
public final class StrategyFactory {

  private StrategyFactory() {
  }

  public static Strategy create(StrategySettings settings) {
    if (settings instanceof StrategySettings.MaCrossover ma) {
      return new MovingAverageCrossover(ma.name(), ma.symbols(), ma.fast(), ma.slow(), ma.quantity());
    }
    StrategySettings.MeanReversion mr = (StrategySettings.MeanReversion) settings;
    return new MeanReversion(mr.name(), mr.symbols(), mr.window(), mr.entryZ(), mr.exitZ(), mr.quantity());
  }
}
