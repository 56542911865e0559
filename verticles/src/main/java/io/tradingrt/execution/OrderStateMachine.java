package io.tradingrt.execution;

import static io.tradingrt.codecs.OrderStatus.ACCEPTED;
import static io.tradingrt.codecs.OrderStatus.CANCELED;
import static io.tradingrt.codecs.OrderStatus.DENIED;
import static io.tradingrt.codecs.OrderStatus.EXPIRED;
import static io.tradingrt.codecs.OrderStatus.FILLED;
import static io.tradingrt.codecs.OrderStatus.INITIALIZED;
import static io.tradingrt.codecs.OrderStatus.PARTIALLY_FILLED;
import static io.tradingrt.codecs.OrderStatus.PENDING_CANCEL;
import static io.tradingrt.codecs.OrderStatus.REJECTED;
import static io.tradingrt.codecs.OrderStatus.SUBMITTED;

import io.tradingrt.codecs.OrderStatus;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The order lifecycle as an explicit transition table. Terminal states (DENIED, REJECTED, FILLED, CANCELED, EXPIRED)
 * have no way out. The late-fill exception: a fill may still arrive while a cancel is in flight, so PENDING_CANCEL
 * may go to PARTIALLY_FILLED or FILLED; once CANCELED is confirmed no fill is legal. PENDING_CANCEL may also fall
 * back to ACCEPTED or PARTIALLY_FILLED when the venue rejects the cancel. A venue may fill before acknowledging,
 * so SUBMITTED may go straight to a fill.
 */
public final class OrderStateMachine {

  private static final Map<OrderStatus, Set<OrderStatus>> TRANSITIONS = table();

  private OrderStateMachine() {
  }

  public static boolean isLegal(OrderStatus from, OrderStatus to) {
    return TRANSITIONS.get(from).contains(to);
  }

  public static Set<OrderStatus> allowedFrom(OrderStatus from) {
    return TRANSITIONS.get(from);
  }

  public static void requireLegal(String clientOrderId, OrderStatus from, OrderStatus to) {
    if (!isLegal(from, to)) {
      String why = from.isTerminal() ? from + " is terminal" : "not in the transition table";
      throw new IllegalOrderTransitionException(clientOrderId, from, to, why);
    }
  }

  private static Map<OrderStatus, Set<OrderStatus>> table() {
    Map<OrderStatus, Set<OrderStatus>> table = new EnumMap<>(OrderStatus.class);
    for (OrderStatus status : OrderStatus.values()) {
      table.put(status, EnumSet.noneOf(OrderStatus.class));
    }
    table.put(INITIALIZED, EnumSet.of(DENIED, SUBMITTED));
    table.put(SUBMITTED, EnumSet.of(ACCEPTED, REJECTED, PARTIALLY_FILLED, FILLED, PENDING_CANCEL, CANCELED, EXPIRED));
    table.put(ACCEPTED, EnumSet.of(PARTIALLY_FILLED, FILLED, PENDING_CANCEL, CANCELED, EXPIRED));
    table.put(PARTIALLY_FILLED, EnumSet.of(PARTIALLY_FILLED, FILLED, PENDING_CANCEL, CANCELED, EXPIRED));
    table.put(PENDING_CANCEL, EnumSet.of(ACCEPTED, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED));
    Map<OrderStatus, Set<OrderStatus>> frozen = new EnumMap<>(OrderStatus.class);
    table.forEach((from, to) -> frozen.put(from, Collections.unmodifiableSet(to)));
    return Collections.unmodifiableMap(frozen);
  }
}
