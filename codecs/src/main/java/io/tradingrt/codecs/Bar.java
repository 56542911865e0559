package io.tradingrt.codecs;

import java.util.Objects;

/** OHLCV over trades (last/lastSize of ticks) in [startMicros, startMicros + timeframe); vwap = Σ(price·size)/Σsize. */
public record Bar(String symbol, String timeframe, long startMicros, Fixed open, Fixed high, Fixed low, Fixed close,
                  Fixed volume, Fixed vwap, long tradeCount) {
  public Bar {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(timeframe, "timeframe");
    Objects.requireNonNull(open, "open");
    Objects.requireNonNull(high, "high");
    Objects.requireNonNull(low, "low");
    Objects.requireNonNull(close, "close");
    Objects.requireNonNull(volume, "volume");
    Objects.requireNonNull(vwap, "vwap");
  }
}
