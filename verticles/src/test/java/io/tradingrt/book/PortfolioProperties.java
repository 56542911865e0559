package io.tradingrt.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.PortfolioSnapshot;
import io.tradingrt.codecs.Position;
import io.tradingrt.codecs.Side;
import io.tradingrt.risk.TestData;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.List;

/** Portfolio accounting in exact decimals, over random fills (long, short, flips, closes) and marks. */
class PortfolioProperties {

  static final Fixed INITIAL_CASH = Fixed.of(1_000_000);
  static final List<String> SYMBOLS = List.of("AAPL", "MSFT");

  sealed interface Step permits Trade, Close, Mark {
  }

  /** Raw fixed-point quantity and price with all 8 digits in play, so products really round. */
  record Trade(int symbol, Side side, long quantityRaw, long priceRaw, long feeRaw) implements Step {
  }

  /** Flattens the symbol at a price: the way positions become exactly zero. */
  record Close(int symbol, long priceRaw, long feeRaw) implements Step {
  }

  record Mark(int symbol, long priceRaw) implements Step {
  }

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<Integer> symbol = Arbitraries.integers().between(0, SYMBOLS.size() - 1);
    Arbitrary<Long> price = Arbitraries.longs().between(1, 500 * Fixed.ONE_RAW);
    Arbitrary<Long> fee = Arbitraries.longs().between(0, 5 * Fixed.ONE_RAW);
    Arbitrary<Step> trade = Combinators.combine(symbol, Arbitraries.of(Side.class),
        Arbitraries.longs().between(1, 100 * Fixed.ONE_RAW), price, fee).as(Trade::new);
    Arbitrary<Step> close = Combinators.combine(symbol, price, fee).as(Close::new);
    Arbitrary<Step> mark = Combinators.combine(symbol, price).as(Mark::new);
    return Arbitraries.frequencyOf(Tuple.of(5, trade), Tuple.of(2, close), Tuple.of(3, mark)).list().ofMaxSize(40);
  }

  @Property(tries = 1000)
  void equityEqualsInitialCashPlusRealizedPlusUnrealizedMinusFees(@ForAll("histories") List<Step> steps) {
    Portfolio portfolio = new Portfolio(INITIAL_CASH);
    for (Step step : steps) {
      apply(portfolio, step);
      Fixed expected = INITIAL_CASH.plus(portfolio.realizedPnl()).plus(portfolio.unrealizedPnl())
          .minus(portfolio.fees());
      assertEquals(expected, portfolio.equity(), () -> "after " + step);
      PortfolioSnapshot snapshot = portfolio.snapshot(0);
      assertEquals(snapshot.equity(), snapshot.cash().plus(snapshot.netExposure()));
    }
  }

  @Property(tries = 1000)
  void flatPositionHasZeroUnrealizedPnl(@ForAll("histories") List<Step> steps) {
    Portfolio portfolio = new Portfolio(INITIAL_CASH);
    for (Step step : steps) {
      apply(portfolio, step);
      for (Position position : portfolio.snapshot(0).positions()) {
        if (position.quantity().isZero()) {
          assertEquals(Fixed.ZERO, position.unrealizedPnl(), () -> position + " after " + step);
        }
      }
    }
  }

  @Property(tries = 1000)
  void roundTripPnlIsExitMinusEntryTimesQuantityMinusFees(@ForAll Side openingSide,
      @ForAll @LongRange(min = 1, max = 100_000) long quantityTenThousandths,
      @ForAll @IntRange(min = 1, max = 50_000) int entryCents, @ForAll @IntRange(min = 1, max = 50_000) int exitCents,
      @ForAll @IntRange(min = 1, max = 5) int pieces, @ForAll @IntRange(min = 0, max = 500) int feeCents,
      @ForAll @IntRange(min = 1, max = 50_000) int markCents) {
    Fixed quantity = Fixed.of(quantityTenThousandths).dividedBy(Fixed.of(10_000));
    Fixed entry = cents(entryCents);
    Fixed exit = cents(exitCents);
    Fixed fee = cents(feeCents);
    Portfolio portfolio = new Portfolio(INITIAL_CASH);
    portfolio.onFill(TestData.fill("open", "AAPL", openingSide, quantity, entry, fee));
    portfolio.mark("AAPL", cents(markCents), 0);
    // pieces stay on the 0.0001 grid so each piece's notional is exact, as the stated P&L assumes
    Fixed piece = Fixed.of(quantityTenThousandths / pieces).dividedBy(Fixed.of(10_000));
    int fills = 1;
    Fixed closed = Fixed.ZERO;
    for (int i = 1; i < pieces && piece.isPositive(); i++, fills++) {
      portfolio.onFill(TestData.fill("close" + i, "AAPL", openingSide.opposite(), piece, exit, fee));
      closed = closed.plus(piece);
    }
    portfolio.onFill(TestData.fill("close", "AAPL", openingSide.opposite(), quantity.minus(closed), exit, fee));
    fills++;

    Fixed grossPnl = exit.minus(entry).times(quantity).times(openingSide.sign());
    Fixed fees = fee.times(fills);
    assertEquals(Fixed.ZERO, portfolio.quantity("AAPL"));
    assertEquals(grossPnl, portfolio.realizedPnl());
    assertEquals(grossPnl.minus(fees), portfolio.equity().minus(INITIAL_CASH));
  }

  @Property(tries = 1000)
  void flippingThroughZeroOpensTheRemainderAtTheFillPrice(@ForAll Side openingSide,
      @ForAll @IntRange(min = 1, max = 1_000) int openUnits, @ForAll @IntRange(min = 1, max = 1_000) int extraUnits,
      @ForAll @IntRange(min = 1, max = 50_000) int entryCents, @ForAll @IntRange(min = 1, max = 50_000) int flipCents) {
    Portfolio portfolio = new Portfolio(INITIAL_CASH);
    portfolio.onFill(TestData.fill("open", "AAPL", openingSide, Fixed.of(openUnits), cents(entryCents), Fixed.ZERO));
    portfolio.onFill(TestData.fill("flip", "AAPL", openingSide.opposite(), Fixed.of(openUnits + extraUnits),
        cents(flipCents), Fixed.ZERO));

    Position position = portfolio.position("AAPL").orElseThrow();
    assertEquals(Fixed.of(extraUnits).times(-openingSide.sign()), position.quantity());
    assertEquals(cents(flipCents), position.avgPrice());
    assertEquals(cents(flipCents).minus(cents(entryCents)).times(openUnits).times(openingSide.sign()),
        portfolio.realizedPnl());
  }

  @Property(tries = 1000)
  void drawdownIsPeakEquityMinusEquityAndNeverNegative(@ForAll("histories") List<Step> steps) {
    Portfolio portfolio = new Portfolio(INITIAL_CASH);
    Fixed peak = INITIAL_CASH;
    for (Step step : steps) {
      apply(portfolio, step);
      peak = Fixed.max(peak, portfolio.equity());
      assertEquals(peak, portfolio.peakEquity());
      assertEquals(peak.minus(portfolio.equity()), portfolio.drawdown());
      assertTrue(!portfolio.drawdown().isNegative());
    }
  }

  /** The backtest marks through markers taken before any tick: the same book as marking by symbol. */
  @Property(tries = 500)
  void markingThroughAMarkerIsMarkingTheSymbol(@ForAll("histories") List<Step> steps) {
    Portfolio bySymbol = new Portfolio(INITIAL_CASH);
    Portfolio byMarker = new Portfolio(INITIAL_CASH);
    List<Portfolio.Marker> markers = SYMBOLS.stream().map(byMarker::marker).toList();
    assertEquals(bySymbol.snapshot(0), byMarker.snapshot(0), "taking markers changes nothing");
    for (Step step : steps) {
      apply(bySymbol, step);
      if (step instanceof Mark m) {
        byMarker.mark(markers.get(m.symbol()), m.priceRaw(), 0);
      } else {
        apply(byMarker, step);
      }
      assertEquals(bySymbol.snapshot(0), byMarker.snapshot(0));
      for (String symbol : SYMBOLS) {
        assertEquals(bySymbol.markPrice(symbol), byMarker.markPrice(symbol), symbol);
      }
    }
    Portfolio other = new Portfolio(INITIAL_CASH);
    assertThrows(IllegalArgumentException.class, () -> other.mark(markers.get(0), Fixed.ONE_RAW, 0),
        "another portfolio's marker");
  }

  private static void apply(Portfolio portfolio, Step step) {
    if (step instanceof Trade t) {
      portfolio.onFill(TestData.fill("t", SYMBOLS.get(t.symbol()), t.side(), Fixed.ofRaw(t.quantityRaw()),
          Fixed.ofRaw(t.priceRaw()), Fixed.ofRaw(t.feeRaw())));
    } else if (step instanceof Close c) {
      Fixed held = portfolio.quantity(SYMBOLS.get(c.symbol()));
      if (!held.isZero()) {
        Side side = held.isPositive() ? Side.SELL : Side.BUY;
        portfolio.onFill(TestData.fill("c", SYMBOLS.get(c.symbol()), side, held.abs(), Fixed.ofRaw(c.priceRaw()),
            Fixed.ofRaw(c.feeRaw())));
      }
    } else if (step instanceof Mark m) {
      portfolio.mark(SYMBOLS.get(m.symbol()), Fixed.ofRaw(m.priceRaw()), 0);
    }
  }

  private static Fixed cents(long cents) {
    return Fixed.of(cents).dividedBy(Fixed.of(100));
  }
}
