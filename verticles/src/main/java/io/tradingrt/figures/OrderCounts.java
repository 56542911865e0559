package io.tradingrt.figures;

import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.ReasonCode;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one definition of order and denial counts: every order enters the lifecycle exactly once, as SUBMITTED
 * (approved by risk) or DENIED (refused), so those two count orders; denials count by their reason code. The live
 * metrics count since start, {@code /api/metrics/execution|strategy} over a window of recent events: the same class.
 */
public final class OrderCounts {
  private final Map<OrderStatus, Long> byStatus = new EnumMap<>(OrderStatus.class);
  private final Map<ReasonCode, Long> denialsByReason = new EnumMap<>(ReasonCode.class);
  private long orders;

  public static OrderCounts of(Iterable<OrderEvent> events) {
    OrderCounts counts = new OrderCounts();
    events.forEach(counts::add);
    return counts;
  }

  public void add(OrderEvent event) {
    byStatus.merge(event.status(), 1L, Long::sum);
    if (event.status() == OrderStatus.SUBMITTED || event.status() == OrderStatus.DENIED) {
      orders++;
    }
    if (event.status() == OrderStatus.DENIED && event.reasonCode() != null) {
      denialsByReason.merge(event.reasonCode(), 1L, Long::sum);
    }
  }

  public long orders() {
    return orders;
  }

  public long orders(OrderStatus status) {
    return byStatus.getOrDefault(status, 0L);
  }

  public long denied() {
    return orders(OrderStatus.DENIED);
  }

  public Map<ReasonCode, Long> denialsByReason() {
    return Collections.unmodifiableMap(denialsByReason);
  }

  /** {@code orders}, {@code ordersByStatus} and {@code denialsByReason}, keyed by the stable code strings. */
  public Map<String, Object> toMap() {
    Map<String, Long> statuses = new TreeMap<>();
    byStatus.forEach((status, n) -> statuses.put(status.name(), n));
    Map<String, Long> denials = new TreeMap<>();
    denialsByReason.forEach((reason, n) -> denials.put(reason.code(), n));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("orders", orders);
    out.put("ordersByStatus", statuses);
    out.put("denialsByReason", denials);
    return out;
  }
}
