package io.tradingrt.config;

import io.tradingrt.codecs.Fixed;

/** The {@code portfolio} section; {@code initialCash} is also risk's starting equity. */
public record PortfolioSettings(Fixed initialCash, long snapshotIntervalMs, long logIntervalMs,
                                long storageTimeoutMs) {

  static PortfolioSettings read(ConfigNode n) {
    return new PortfolioSettings(n.decimal("initialCash"), n.integer("snapshotIntervalMs"),
        n.integer("logIntervalMs"), n.integer("storageTimeoutMs"));
  }
}
