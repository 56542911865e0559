package io.tradingrt.launcher;

import io.tradingrt.book.Portfolio;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.Side;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The book the test expects, folded from stored fills: quantity per symbol, cash and fees summed here independently;
 * realized P&L and average prices through {@link Portfolio} (the same core the runtime folds through, whose own
 * properties are tested elsewhere). Every comparison is of {@link Fixed} values, so "10" and "10.00" are equal.
 */
final class FillFold {
  final Portfolio book;
  final Map<String, Fixed> quantities = new TreeMap<>();
  final Fixed cash;
  final Fixed fees;

  FillFold(List<Fill> fills, Fixed initialCash) {
    book = new Portfolio(initialCash);
    Fixed cashSum = initialCash;
    Fixed feeSum = Fixed.ZERO;
    for (Fill fill : fills) {
      book.onFill(fill);
      Fixed notional = fill.price().times(fill.quantity());
      Fixed signed = fill.side() == Side.BUY ? fill.quantity() : fill.quantity().negate();
      quantities.merge(fill.symbol(), signed, Fixed::plus);
      cashSum = (fill.side() == Side.BUY ? cashSum.minus(notional) : cashSum.plus(notional)).minus(fill.fee());
      feeSum = feeSum.plus(fill.fee());
    }
    cash = cashSum;
    fees = feeSum;
    assertEquals(cash, book.cash(), "the independent cash sum and the Portfolio core agree");
    assertEquals(fees, book.fees(), "the independent fee sum and the Portfolio core agree");
    quantities.forEach((symbol, quantity) -> assertEquals(quantity, book.quantity(symbol), symbol));
  }

  /** Cash, realized P&L and fees of a JSON object ({@code /api/recovery} or {@code /api/pnl}) equal the fold. */
  void assertAccount(String where, JsonObject account) {
    assertEquals(cash, Fixed.of(account.getString("cash")), where + ": cash");
    assertEquals(book.realizedPnl(), Fixed.of(account.getString("realizedPnl")), where + ": realized P&L");
    assertEquals(fees, Fixed.of(account.getString("fees")), where + ": fees");
  }

  /**
   * The positions equal the fold's: with {@code nonFlatOnly} exactly the non-flat symbols (as {@code /api/recovery}
   * lists them), otherwise every symbol ever traded (as the live portfolio snapshot does).
   */
  void assertPositions(String where, JsonArray positions, boolean nonFlatOnly) {
    Map<String, JsonObject> bySymbol = new TreeMap<>();
    positions.forEach(p -> bySymbol.put(((JsonObject) p).getString("symbol"), (JsonObject) p));
    List<String> expected = new ArrayList<>();
    quantities.forEach((symbol, quantity) -> {
      if (!nonFlatOnly || !quantity.isZero()) {
        expected.add(symbol);
      }
    });
    assertEquals(expected, List.copyOf(bySymbol.keySet()), where + ": the symbols with positions");
    for (String symbol : expected) {
      Position folded = book.position(symbol).orElseThrow();
      JsonObject actual = bySymbol.get(symbol);
      assertEquals(quantities.get(symbol), Fixed.of(actual.getString("quantity")), where + ": " + symbol + " quantity");
      assertEquals(folded.avgPrice(), Fixed.of(actual.getString("avgPrice")), where + ": " + symbol + " avgPrice");
      assertEquals(folded.realizedPnl(), Fixed.of(actual.getString("realizedPnl")),
          where + ": " + symbol + " realizedPnl");
    }
  }
}
