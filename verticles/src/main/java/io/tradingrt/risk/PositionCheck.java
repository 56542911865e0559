package io.tradingrt.risk;

import io.tradingrt.book.Portfolio;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Position;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks a fold of the fills against the stored {@code positions} rows and the database's own sum of the trades.
 * A positions row is written after its fill, so after a kill it may be older than the last fill of its symbol: it
 * must then equal the fold as it stood after the fill it was written for (the fill with the row's time). A row
 * that matches no such state, or a fold whose quantity is not the database's sum, is a difference.
 */
final class PositionCheck {

  private final Map<String, Position> stored = new HashMap<>();
  private final Map<String, Position> foldAtRowTime = new HashMap<>();

  PositionCheck(List<Position> rows) {
    rows.forEach(row -> stored.put(row.symbol(), row));
  }

  /** Called after each fill is folded into {@code account}. */
  void afterFill(Fill fill, Portfolio account) {
    Position row = stored.get(fill.symbol());
    if (row != null && row.tsMicros() == fill.tsMicros()) {
      account.position(fill.symbol()).ifPresent(p -> foldAtRowTime.put(fill.symbol(), p));
    }
  }

  /** One sentence per symbol that differs, naming it and by how much; empty when everything agrees. */
  List<String> differences(Portfolio account, Map<String, Fixed> tradedQuantities) {
    List<String> differences = new ArrayList<>();
    TreeSet<String> symbols = new TreeSet<>(stored.keySet());
    symbols.addAll(account.symbols());
    symbols.addAll(tradedQuantities.keySet());
    for (String symbol : symbols) {
      Fixed folded = account.quantity(symbol);
      Fixed summed = tradedQuantities.getOrDefault(symbol, Fixed.ZERO);
      if (!folded.equals(summed)) {
        differences.add(symbol + ": the fold of the journal holds " + folded + " but the trades sum to " + summed
            + " (differs by " + folded.minus(summed) + ")");
      }
      Position row = stored.get(symbol);
      if (row == null) {
        continue;
      }
      Position atRowTime = foldAtRowTime.get(symbol);
      if (atRowTime == null) {
        if (!row.quantity().isZero() || !row.realizedPnl().isZero()) {
          differences.add(symbol + ": the stored position " + row.quantity() + " @ " + row.avgPrice()
              + " matches no fill in the journal (differs from the journal's " + folded + " by "
              + row.quantity().minus(folded) + ")");
        }
      } else if (!atRowTime.quantity().equals(row.quantity()) || !atRowTime.avgPrice().equals(row.avgPrice())
          || !atRowTime.realizedPnl().equals(row.realizedPnl())) {
        differences.add(symbol + ": the stored position " + row.quantity() + " @ " + row.avgPrice() + " (realized "
            + row.realizedPnl() + ") differs from the journal's " + atRowTime.quantity() + " @ "
            + atRowTime.avgPrice() + " (realized " + atRowTime.realizedPnl() + ") by "
            + row.quantity().minus(atRowTime.quantity()));
      }
    }
    return differences;
  }
}
