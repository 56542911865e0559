package io.tradingrt.metrics;

import io.tradingrt.codecs.Tick;
import io.tradingrt.codecs.TickBatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the latest tick per symbol and hands out only those that changed since the last drain: draining N times a
 * second bounds browsers to N quotes per second per symbol whatever the feed rate, always with the freshest quote.
 */
public final class QuoteSampler {
  private final Map<String, Tick> latest = new LinkedHashMap<>();
  private final Map<String, Tick> pending = new LinkedHashMap<>();

  public void offer(TickBatch batch) {
    for (Tick tick : batch.ticks()) {
      pending.put(tick.symbol(), tick);
    }
  }

  public List<Tick> drain() {
    List<Tick> due = new ArrayList<>(pending.values());
    latest.putAll(pending);
    pending.clear();
    return due;
  }

  /** The latest drained quote per symbol. */
  public Map<String, Tick> latest() {
    return Map.copyOf(latest);
  }
}
