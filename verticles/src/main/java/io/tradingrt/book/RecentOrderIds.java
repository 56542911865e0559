package io.tradingrt.book;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recent client order ids, for duplicate detection: delivery is at-least-once, so a resubmission arrives
 * within seconds of the original. Bounded, so a runtime that trades for weeks does not remember every id it saw.
 */
public final class RecentOrderIds {
  private final Map<String, Boolean> ids;

  public RecentOrderIds(int capacity) {
    this.ids = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** True the first time an id is seen (within the last {@code capacity} ids). */
  public boolean add(String clientOrderId) {
    return ids.putIfAbsent(clientOrderId, Boolean.TRUE) == null;
  }
}
