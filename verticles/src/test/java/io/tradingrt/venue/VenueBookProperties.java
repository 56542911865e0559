package io.tradingrt.venue;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.OrderType;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.TimeInForce;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The venue's matching: quantities add up, prices respect limits, the maker never gives more than it quotes. */
class VenueBookProperties {
  private static final Fixed QUOTE = Fixed.of(10);

  @Property(tries = 300)
  void fillsAddUpRespectLimitsAndTheMakersSize(@ForAll long seed) {
    Random random = new Random(seed);
    VenueBook book = new VenueBook(Set.of("X"), Fixed.ONE, QUOTE);
    Map<String, VenueBook.NewOrder> sent = new HashMap<>();
    Map<String, Fixed> filled = new HashMap<>();
    Map<String, VenueBook.ExecType> last = new HashMap<>();
    long mid = 10_000;
    List<VenueBook.Execution> all = new ArrayList<>();
    for (int step = 0; step < 200; step++) {
      int what = random.nextInt(10);
      if (what < 3) {
        mid += random.nextInt(21) - 10;
        List<VenueBook.Execution> out = book.onQuote("X", Fixed.ofRaw(mid * 1_000_000L),
            Fixed.ofRaw((mid + 2) * 1_000_000L));
        Fixed boughtFromMaker = Fixed.ZERO;
        Fixed soldToMaker = Fixed.ZERO;
        for (VenueBook.Execution e : out) {
          if (e.side() == Side.BUY) {
            boughtFromMaker = boughtFromMaker.plus(e.lastQty());
          } else {
            soldToMaker = soldToMaker.plus(e.lastQty());
          }
        }
        assertTrue(boughtFromMaker.compareTo(QUOTE) <= 0 && soldToMaker.compareTo(QUOTE) <= 0,
            "the maker gives at most its size per quote");
        all.addAll(out);
      } else if (what < 9) {
        String id = "o" + step;
        Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        boolean limit = random.nextBoolean();
        Fixed px = limit ? Fixed.ofRaw((mid + random.nextInt(21) - 10) * 1_000_000L) : null;
        TimeInForce tif = TimeInForce.values()[random.nextInt(4)];
        VenueBook.NewOrder order = new VenueBook.NewOrder(id, "X", side, limit ? OrderType.LIMIT : OrderType.MARKET,
            Fixed.of(1 + random.nextInt(30)), px, tif);
        sent.put(id, order);
        all.addAll(book.submit(order));
      } else if (!sent.isEmpty()) {
        List<String> ids = new ArrayList<>(sent.keySet());
        VenueBook.Execution canceled = book.cancel(ids.get(random.nextInt(ids.size())));
        if (canceled != null) {
          all.add(canceled);
        }
      }
    }
    for (VenueBook.Execution e : all) {
      VenueBook.NewOrder order = sent.get(e.clOrdId());
      VenueBook.ExecType before = last.get(e.clOrdId());
      assertTrue(before == null || !terminal(before), "nothing after a terminal report: " + e);
      last.put(e.clOrdId(), e.status());
      Fixed cum = filled.getOrDefault(e.clOrdId(), Fixed.ZERO).plus(e.lastQty());
      filled.put(e.clOrdId(), cum);
      assertEquals(0, cum.compareTo(e.cumQty()), "cumQty is the sum of the fills: " + e);
      assertTrue(cum.compareTo(order.quantity()) <= 0, "never beyond the order's quantity: " + e);
      if (e.lastQty().isPositive() && order.type() == OrderType.LIMIT) {
        assertTrue(order.side() == Side.BUY ? e.lastPx().compareTo(order.limitPrice()) <= 0
            : e.lastPx().compareTo(order.limitPrice()) >= 0, "a limit fills at its price or better: " + e);
      }
      if (e.status() == VenueBook.ExecType.FILL) {
        assertEquals(0, cum.compareTo(order.quantity()), "FILL means all of it");
      }
    }
  }

  private static boolean terminal(VenueBook.ExecType status) {
    return status == VenueBook.ExecType.FILL || status == VenueBook.ExecType.CANCELED
        || status == VenueBook.ExecType.REJECTED || status == VenueBook.ExecType.EXPIRED;
  }

  @Test
  void restingOrdersFillInPriceThenTimeOrder() {
    VenueBook book = new VenueBook(Set.of("X"), Fixed.ONE, QUOTE);
    book.onQuote("X", Fixed.of(100), Fixed.of(101));
    book.submit(new VenueBook.NewOrder("a", "X", Side.SELL, OrderType.LIMIT, Fixed.of(5), Fixed.of(103),
        TimeInForce.GTC));
    book.submit(new VenueBook.NewOrder("b", "X", Side.SELL, OrderType.LIMIT, Fixed.of(5), Fixed.of(102),
        TimeInForce.GTC));
    book.submit(new VenueBook.NewOrder("c", "X", Side.SELL, OrderType.LIMIT, Fixed.of(5), Fixed.of(102),
        TimeInForce.GTC));
    List<VenueBook.Execution> out = book.submit(new VenueBook.NewOrder("t", "X", Side.BUY, OrderType.LIMIT,
        Fixed.of(12), Fixed.of(103), TimeInForce.IOC));
    List<String> order = out.stream().filter(e -> e.lastQty().isPositive() && !e.clOrdId().equals("t"))
        .map(VenueBook.Execution::clOrdId).toList();
    assertEquals(List.of("b", "c", "a"), order, "best price first, then the earlier order");
    assertEquals(VenueBook.ExecType.FILL, book.status("t").status());
    assertNull(book.cancel("b"), "a filled order cannot be canceled");
  }

  @Test
  void fillOrKillFillsAllAtOnceOrExpiresWithoutAFill() {
    VenueBook book = new VenueBook(Set.of("X"), Fixed.ONE, QUOTE);
    book.onQuote("X", Fixed.of(100), Fixed.of(101));
    List<VenueBook.Execution> tooBig = book.submit(new VenueBook.NewOrder("f1", "X", Side.BUY, OrderType.MARKET,
        Fixed.of(11), null, TimeInForce.FOK));
    assertEquals(List.of(VenueBook.ExecType.EXPIRED), tooBig.stream().map(VenueBook.Execution::type).toList());
    List<VenueBook.Execution> fits = book.submit(new VenueBook.NewOrder("f2", "X", Side.BUY, OrderType.MARKET,
        Fixed.of(10), null, TimeInForce.FOK));
    assertEquals(VenueBook.ExecType.FILL, fits.get(fits.size() - 1).type());
  }

  @Test
  void badOrdersAreRejectedWithAReason() {
    VenueBook book = new VenueBook(Set.of("X"), Fixed.of(5), QUOTE);
    assertTrue(book.submit(new VenueBook.NewOrder("u", "Y", Side.BUY, OrderType.MARKET, Fixed.of(5), null,
        TimeInForce.DAY)).get(0).text().contains("unknown symbol"));
    assertTrue(book.submit(new VenueBook.NewOrder("q", "X", Side.BUY, OrderType.MARKET, Fixed.of(3), null,
        TimeInForce.DAY)).get(0).text().contains("multiple of 5"));
  }
}
