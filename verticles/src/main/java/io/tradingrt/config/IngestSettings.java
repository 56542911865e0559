package io.tradingrt.config;

import io.tradingrt.codecs.Fixed;

import java.util.List;

/** The {@code ingest} section: which feed, its symbols and pacing. */
public record IngestSettings(String feed, List<String> symbols, long ticksPerSecond, long seed, Fixed startPrice,
                             long volatilityBps, long spreadBps, String csvPath, int batchSize, String pacing,
                             long maxBehindTicks) {
  public static final List<String> FEEDS = List.of("simulated", "csv", "fix");
  public static final List<String> PACINGS = List.of("timer", "thread");

  public IngestSettings {
    symbols = List.copyOf(symbols);
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
    }
  }

  static IngestSettings read(ConfigNode n) {
    return new IngestSettings(n.choice("feed", FEEDS), n.strings("symbols"), n.integer("ticksPerSecond"),
        n.integer("seed"), n.decimal("startPrice"), n.integer("volatilityBps"), n.integer("spreadBps"),
        n.text("csvPath"), n.int32("batchSize"), n.choice("pacing", PACINGS), n.integer("maxBehindTicks"));
  }
}
