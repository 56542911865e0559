package io.tradingrt.backtest;

import io.tradingrt.codecs.Tick;

import java.util.Set;

/** Which ticks a backtest reads: {@code [fromMicros, toMicros)} and, unless the set is empty, only these symbols. */
public record TickRange(long fromMicros, long toMicros, Set<String> symbols) {
  public static final TickRange ALL = new TickRange(Long.MIN_VALUE, Long.MAX_VALUE, Set.of());

  public TickRange {
    symbols = Set.copyOf(symbols);
    if (fromMicros >= toMicros) {
      throw new IllegalArgumentException("--from must be before --to");
    }
  }

  public boolean contains(Tick tick) {
    return tick.tsMicros() >= fromMicros && tick.tsMicros() < toMicros
        && (symbols.isEmpty() || symbols.contains(tick.symbol()));
  }
}
