package io.tradingrt.execution.fix;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderEvent;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.ReasonCode;
import io.tradingrt.codecs.TimeInForce;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runtime's book of the orders it sent to a FIX venue, and the one place execution reports become our
 * {@link OrderEvent}s and {@link Fill}s: a fill is applied once per ExecID (a resend after a reconnect, a PossDup, a
 * report seen before a restart — the journal's fills seed the seen ids), and never beyond the order's quantity. Pure,
 * no QuickFIX/J types: the verticle parses the messages.
 */
public final class FixOrders {

  /** What one report changed: the event to publish and store (null if none), and the fill (null if none). */
  public record Outcome(OrderEvent event, Fill fill, String ignored) {
    static Outcome ignored(String why) {
      return new Outcome(null, null, why);
    }
  }

  private static final class Working {
    final OrderRequest request;
    Fixed filled = Fixed.ZERO;
    Fixed notional = Fixed.ZERO;
    OrderStatus status = OrderStatus.SUBMITTED;

    Working(OrderRequest request) {
      this.request = request;
    }
  }

  private final long feeBps;
  private final Fixed minFee;
  private final Map<String, Working> orders = new LinkedHashMap<>();
  private final Set<String> seenExecIds = new HashSet<>();

  public FixOrders(long feeBps, Fixed minFee) {
    this.feeBps = feeBps;
    this.minFee = minFee;
  }

  /** The fill id of a venue execution: stable, so storage's idempotency by id also holds across restarts. */
  public static String fillId(String execId) {
    return "fix-" + execId;
  }

  /** After a restart: the working orders of the journal and their fills, so nothing is applied twice. */
  public void resume(OrderEvent working, List<Fill> fills) {
    Working order = new Working(working.request());
    order.status = working.status();
    for (Fill fill : fills) {
      order.filled = order.filled.plus(fill.quantity());
      order.notional = order.notional.plus(fill.quantity().times(fill.price()));
    }
    orders.put(working.clientOrderId(), order);
  }

  /** Fill ids already applied (from the journal): their ExecIDs are not applied again. */
  public void seenFills(Collection<String> fillIds) {
    for (String id : fillIds) {
      if (id.startsWith("fix-")) {
        seenExecIds.add(id.substring(4));
      }
    }
  }

  public void sent(OrderRequest request) {
    orders.put(request.clientOrderId(), new Working(request));
  }

  public boolean isWorking(String clOrdId) {
    Working order = orders.get(clOrdId);
    return order != null && !order.status.isTerminal();
  }

  public List<String> workingIds() {
    List<String> ids = new ArrayList<>();
    orders.forEach((id, o) -> {
      if (!o.status.isTerminal()) {
        ids.add(id);
      }
    });
    return ids;
  }

  public OrderRequest request(String clOrdId) {
    Working order = orders.get(clOrdId);
    return order == null ? null : order.request;
  }

  public Fixed filled(String clOrdId) {
    Working order = orders.get(clOrdId);
    return order == null ? Fixed.ZERO : order.filled;
  }

  /** Applies one execution report. */
  public Outcome apply(VenueReport report) {
    Working order = orders.get(report.clOrdId());
    if (order == null) {
      return Outcome.ignored("a report for an order this runtime did not send: " + report.clOrdId());
    }
    if (report.execType() == quickfix.field.ExecType.ORDER_STATUS) {
      return Outcome.ignored("order status");
    }
    if (!seenExecIds.add(report.execId())) {
      return Outcome.ignored("ExecID " + report.execId() + " was applied already"
          + (report.possDup() ? " (a possible duplicate, resent)" : ""));
    }
    Fill fill = null;
    if (report.lastQty().isPositive()) {
      Fixed qty = Fixed.min(report.lastQty(), order.request.quantity().minus(order.filled));
      if (!qty.isPositive()) {
        return Outcome.ignored("a fill beyond the order's quantity: " + report.execId());
      }
      order.filled = order.filled.plus(qty);
      order.notional = order.notional.plus(qty.times(report.lastPx()));
      Fixed fee = report.commission() != null ? report.commission()
          : Fixed.max(Fixed.ZERO, Fixed.max(minFee, qty.times(report.lastPx()).abs().timesBps(feeBps)));
      fill = new Fill(fillId(report.execId()), report.clOrdId(), order.request.strategy(), order.request.symbol(),
          order.request.side(), qty, report.lastPx(), fee, report.tsMicros());
    }
    OrderStatus status = status(report.ordStatus(), order);
    if (order.status.isTerminal()) {
      return new Outcome(null, fill, fill == null ? "the order is finished already" : null);
    }
    order.status = status;
    ReasonCode reason = reason(status, order.request.timeInForce(), report);
    OrderRequest r = order.request;
    Fixed avg = order.filled.isZero() ? Fixed.ZERO : order.notional.dividedBy(order.filled);
    OrderEvent event = new OrderEvent(r.clientOrderId(), r.strategy(), r.symbol(), r.side(), r.type(),
        r.timeInForce(), status, r.quantity(), r.limitPrice(), order.filled, avg, reason,
        reason == null ? status.name().toLowerCase(java.util.Locale.ROOT)
            : reason.sentence() + (report.text() == null || report.text().isEmpty() ? "" : ": " + report.text()),
        report.tsMicros());
    return new Outcome(event, fill, null);
  }

  private static OrderStatus status(char ordStatus, Working order) {
    return switch (ordStatus) {
      case quickfix.field.OrdStatus.NEW -> order.filled.isZero() ? OrderStatus.ACCEPTED : OrderStatus.PARTIALLY_FILLED;
      case quickfix.field.OrdStatus.PARTIALLY_FILLED -> OrderStatus.PARTIALLY_FILLED;
      case quickfix.field.OrdStatus.FILLED -> OrderStatus.FILLED;
      case quickfix.field.OrdStatus.CANCELED -> OrderStatus.CANCELED;
      case quickfix.field.OrdStatus.PENDING_CANCEL -> OrderStatus.PENDING_CANCEL;
      case quickfix.field.OrdStatus.REJECTED -> OrderStatus.REJECTED;
      case quickfix.field.OrdStatus.EXPIRED -> OrderStatus.EXPIRED;
      default -> order.status;
    };
  }

  private static ReasonCode reason(OrderStatus status, TimeInForce tif, VenueReport report) {
    return switch (status) {
      case REJECTED -> ReasonCode.VENUE_REJECTED;
      case CANCELED -> tif == TimeInForce.IOC ? ReasonCode.IOC_REMAINDER : ReasonCode.CANCEL_REQUESTED;
      case EXPIRED -> tif == TimeInForce.FOK ? ReasonCode.FOK_NOT_FILLABLE : ReasonCode.SESSION_END;
      default -> null;
    };
  }
}
