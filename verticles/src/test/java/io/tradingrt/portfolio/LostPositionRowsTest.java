package io.tradingrt.portfolio;

import io.tradingrt.book.Portfolio;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * At start the portfolio writes again only the positions rows a kill lost (missing, or older than the book); a row
 * as new as the book stays as stored, so the risk role's recovery check reads it as it was, tampered or not.
 */
class LostPositionRowsTest {

  private static Fill buy(String symbol, long quantity, long tsMicros) {
    return new Fill(symbol + "-" + tsMicros, "o-" + tsMicros, "test", symbol, Side.BUY, Fixed.of(quantity),
        Fixed.of(100), Fixed.ZERO, tsMicros);
  }

  private static Position row(String symbol, long quantity, long tsMicros) {
    return new Position(symbol, Fixed.of(quantity), Fixed.of(100), Fixed.ZERO, Fixed.ZERO, Fixed.of(100), tsMicros);
  }

  @Test
  void onlyMissingAndOlderRowsAreWrittenAgain() {
    Portfolio book = new Portfolio(Fixed.of(1_000_000));
    book.rebuild(List.of(buy("AAPL", 10, 1_000), buy("MSFT", 10, 2_000), buy("GOOG", 10, 3_000),
        buy("GOOG", 5, 4_000)), null, fill -> { });
    List<Position> stored = List.of(
        row("AAPL", 25, 1_000),  // as new as the book, but not what the book holds: left for the check to see
        row("GOOG", 10, 3_000)); // the row of GOOG's last fill was lost with a kill; MSFT's row is missing
    assertEquals(List.of("GOOG", "MSFT"), PortfolioVerticle.lostRows(stored, book).stream().sorted().toList());
  }

  @Test
  void aBookWhoseRowsAreAllStoredWritesNothing() {
    Portfolio book = new Portfolio(Fixed.of(1_000_000));
    book.rebuild(List.of(buy("AAPL", 10, 1_000)), null, fill -> { });
    assertEquals(List.of(), PortfolioVerticle.lostRows(List.of(row("AAPL", 10, 1_000)), book));
  }
}
