package io.tradingrt.config;

import java.util.List;

/** The {@code bars} section: the bar lengths the aggregator builds. */
public record BarsSettings(List<String> timeframes) {
  public BarsSettings {
    timeframes = List.copyOf(timeframes);
  }

  static BarsSettings read(ConfigNode n) {
    return new BarsSettings(n.strings("timeframes"));
  }
}
