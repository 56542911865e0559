package io.tradingrt.execution.fix;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderRequest;
import io.tradingrt.codecs.OrderStatus;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.TimeInForce;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Execution reports become fills exactly once per ExecID, however often and in whatever order they are resent. */
class FixOrdersTest {

  private static OrderRequest order(String id, long qty) {
    return new OrderRequest(id, "s", "X", Side.BUY, OrderType.MARKET, Fixed.of(qty), null, TimeInForce.GTC, false, 1);
  }

  private static VenueReport trade(String execId, String id, long last, long cum, long leaves, boolean possDup) {
    return new VenueReport(execId, id, quickfix.field.ExecType.TRADE,
        leaves == 0 ? quickfix.field.OrdStatus.FILLED : quickfix.field.OrdStatus.PARTIALLY_FILLED, Fixed.of(last),
        Fixed.of(100), Fixed.of(cum), Fixed.of(leaves), Fixed.of(100), null, "", possDup, 2);
  }

  @Property(tries = 300)
  void resentReportsApplyOnce(@ForAll long seed) {
    Random random = new Random(seed);
    FixOrders orders = new FixOrders(1, Fixed.ZERO);
    orders.sent(order("a", 30));
    List<VenueReport> reports = new ArrayList<>(List.of(trade("e1", "a", 10, 10, 20, false),
        trade("e2", "a", 10, 20, 10, false), trade("e3", "a", 10, 30, 0, false)));
    for (int i = 0; i < 1 + random.nextInt(6); i++) {
      VenueReport again = reports.get(random.nextInt(3));
      reports.add(new VenueReport(again.execId(), again.clOrdId(), again.execType(), again.ordStatus(),
          again.lastQty(), again.lastPx(), again.cumQty(), again.leavesQty(), again.avgPx(), null, "", true, 3));
    }
    Collections.shuffle(reports.subList(1, reports.size()), random);
    Fixed filled = Fixed.ZERO;
    List<String> fillIds = new ArrayList<>();
    for (VenueReport report : reports) {
      Fill fill = orders.apply(report).fill();
      if (fill != null) {
        filled = filled.plus(fill.quantity());
        fillIds.add(fill.fillId());
      }
    }
    assertEquals(0, Fixed.of(30).compareTo(filled), "30 filled, once: " + fillIds);
    assertEquals(3, fillIds.stream().distinct().count());
  }

  @Test
  void fillsSeenBeforeARestartAreNotAppliedAgain() {
    FixOrders orders = new FixOrders(1, Fixed.ZERO);
    Fill before = new Fill(FixOrders.fillId("e1"), "a", "s", "X", Side.BUY, Fixed.of(10), Fixed.of(100),
        Fixed.ZERO, 1);
    var working = new io.tradingrt.codecs.OrderEvent("a", "s", "X", Side.BUY, OrderType.MARKET, TimeInForce.GTC,
        OrderStatus.PARTIALLY_FILLED, Fixed.of(30), null, Fixed.of(10), Fixed.of(100), null, "", 1);
    orders.seenFills(List.of(before.fillId()));
    orders.resume(working, List.of(before));
    assertNull(orders.apply(trade("e1", "a", 10, 10, 20, true)).fill(), "the journal's fill is not applied twice");
    var next = orders.apply(trade("e2", "a", 20, 30, 0, false));
    assertEquals(0, Fixed.of(20).compareTo(next.fill().quantity()));
    assertEquals(OrderStatus.FILLED, next.event().status());
    assertEquals(0, Fixed.of(30).compareTo(next.event().filledQuantity()));
  }

  @Test
  void aReportForAnOrderThisRuntimeDidNotSendIsIgnored() {
    FixOrders orders = new FixOrders(1, Fixed.ZERO);
    var outcome = orders.apply(trade("e9", "stranger", 5, 5, 0, false));
    assertNull(outcome.fill());
    assertTrue(outcome.ignored().contains("did not send"));
  }
}
