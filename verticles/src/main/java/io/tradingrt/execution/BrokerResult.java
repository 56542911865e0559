package io.tradingrt.execution;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.OrderEvent;
import java.util.List;

/** What one broker call produced, each list in causal order; publish the fills before the events. */
public record BrokerResult(List<OrderEvent> events, List<Fill> fills) {

  public static final BrokerResult EMPTY = new BrokerResult(List.of(), List.of());

  public BrokerResult {
    events = List.copyOf(events);
    fills = List.copyOf(fills);
  }

  public boolean isEmpty() {
    return events.isEmpty() && fills.isEmpty();
  }
}
