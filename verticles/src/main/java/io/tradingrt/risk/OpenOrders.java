package io.tradingrt.risk;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.Side;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Approved orders that can still fill, as the risk engine counts them against limits.
 * Only fills shrink an order's pending quantity (fills are what move the position), and a terminal event caps it at
 * the quantity the venue says was filled; so whichever of a fill and its order event arrives first, nothing is
 * released before the position has absorbed it.
 */
final class OpenOrders {

  private static final class Open {
    final String symbol;
    final Side side;
    final Fixed quantity;
    final Fixed valuationPrice;
    Fixed filledByFills = Fixed.ZERO;
    Fixed finalFilled;
    Fixed remaining;
    Fixed reservedNotional;

    Open(OrderRequest order, Fixed valuationPrice) {
      this.symbol = order.symbol();
      this.side = order.side();
      this.quantity = order.quantity();
      this.valuationPrice = valuationPrice;
      this.remaining = order.quantity();
      this.reservedNotional = order.quantity().times(valuationPrice);
    }
  }

  private final Map<String, Open> byId = new LinkedHashMap<>();
  private final Map<String, Fixed> pendingBuys = new HashMap<>();
  private final Map<String, Fixed> pendingSells = new HashMap<>();
  private Fixed pendingBuyNotional = Fixed.ZERO;

  /** Registers an approved order valued at {@code valuationPrice} per unit (limit price or opposite quote). */
  void add(OrderRequest order, Fixed valuationPrice) {
    Open open = new Open(order, valuationPrice);
    byId.put(order.clientOrderId(), open);
    adjust(open, open.remaining, open.reservedNotional);
  }

  void onFill(Fill fill) {
    Open open = byId.get(fill.clientOrderId());
    if (open != null) {
      open.filledByFills = open.filledByFills.plus(fill.quantity());
      recompute(fill.clientOrderId(), open);
    }
  }

  void onOrderEvent(OrderEvent event) {
    Open open = byId.get(event.clientOrderId());
    if (open != null && event.status().isTerminal()) {
      open.finalFilled = event.filledQuantity();
      recompute(event.clientOrderId(), open);
    }
  }

  Fixed pending(String symbol, Side side) {
    return (side == Side.BUY ? pendingBuys : pendingSells).getOrDefault(symbol, Fixed.ZERO);
  }

  Fixed pendingBuyNotional() {
    return pendingBuyNotional;
  }

  /** Symbols with a pending quantity on {@code side} (a view: nothing is copied per call). */
  Set<String> symbols(Side side) {
    return Collections.unmodifiableSet((side == Side.BUY ? pendingBuys : pendingSells).keySet());
  }

  boolean hasPending(String symbol, Side side) {
    return (side == Side.BUY ? pendingBuys : pendingSells).containsKey(symbol);
  }

  /** In approval order, so a kill cancels oldest first. */
  List<String> ids() {
    return List.copyOf(byId.keySet());
  }

  int size() {
    return byId.size();
  }

  private void recompute(String id, Open open) {
    Fixed cap = open.finalFilled != null ? open.finalFilled : open.quantity;
    Fixed remaining = Fixed.max(Fixed.ZERO, cap.minus(open.filledByFills));
    Fixed reserved = remaining.times(open.valuationPrice);
    adjust(open, remaining.minus(open.remaining), reserved.minus(open.reservedNotional));
    open.remaining = remaining;
    open.reservedNotional = reserved;
    if (open.finalFilled != null && remaining.isZero()) {
      byId.remove(id);
    }
  }

  private void adjust(Open open, Fixed quantityChange, Fixed notionalChange) {
    Map<String, Fixed> side = open.side == Side.BUY ? pendingBuys : pendingSells;
    Fixed updated = side.getOrDefault(open.symbol, Fixed.ZERO).plus(quantityChange);
    if (updated.isZero()) {
      side.remove(open.symbol);
    } else {
      side.put(open.symbol, updated);
    }
    if (open.side == Side.BUY) {
      pendingBuyNotional = pendingBuyNotional.plus(notionalChange);
    }
  }
}
