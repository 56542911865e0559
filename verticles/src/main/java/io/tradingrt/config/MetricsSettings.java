package io.tradingrt.config;

/** The {@code metrics} section: how often the live snapshot, the browser quotes and the writer's health are sent. */
public record MetricsSettings(long liveIntervalMs, long quotesPerSecond, long writerHealthIntervalMs) {

  static MetricsSettings read(ConfigNode n) {
    return new MetricsSettings(n.integer("liveIntervalMs"), n.integer("quotesPerSecond"),
        n.integer("writerHealthIntervalMs"));
  }
}
