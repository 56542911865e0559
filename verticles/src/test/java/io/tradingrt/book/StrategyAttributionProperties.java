package io.tradingrt.book;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Side;
import io.tradingrt.time.TradingCalendar;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Per-strategy and per-day P&L over random fills of several strategies trading the same symbols, against each other. */
class StrategyAttributionProperties {

  static final Fixed INITIAL_CASH = Fixed.of(1_000_000);
  static final List<String> SYMBOLS = List.of("AAPL", "MSFT");
  static final List<String> STRATEGIES = List.of("momentum", "meanrev", "manual");
  static final long DAY = TradingCalendar.SESSION_MICROS;

  sealed interface Step permits Trade, Flatten, Mark {
  }

  /** Raw fixed-point quantity and price with all 8 digits in play, so products really round. */
  record Trade(int strategy, int symbol, Side side, long quantityRaw, long priceRaw, long feeRaw, int day)
      implements Step {
  }

  /** One strategy flattens the account's position in a symbol: the way shares get settled. */
  record Flatten(int strategy, int symbol, long priceRaw, long feeRaw, int day) implements Step {
  }

  record Mark(int symbol, long priceRaw) implements Step {
  }

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<Integer> strategy = Arbitraries.integers().between(0, STRATEGIES.size() - 1);
    Arbitrary<Integer> symbol = Arbitraries.integers().between(0, SYMBOLS.size() - 1);
    Arbitrary<Long> price = Arbitraries.longs().between(1, 500 * Fixed.ONE_RAW);
    Arbitrary<Long> fee = Arbitraries.longs().between(0, 5 * Fixed.ONE_RAW);
    Arbitrary<Integer> day = Arbitraries.integers().between(0, 3);
    Arbitrary<Step> trade = Combinators.combine(strategy, symbol, Arbitraries.of(Side.class),
        Arbitraries.longs().between(1, 100 * Fixed.ONE_RAW), price, fee, day).as(Trade::new);
    Arbitrary<Step> flatten = Combinators.combine(strategy, symbol, price, fee, day).as(Flatten::new);
    Arbitrary<Step> mark = Combinators.combine(symbol, price).as(Mark::new);
    return Arbitraries.frequencyOf(Tuple.of(5, trade), Tuple.of(2, flatten), Tuple.of(3, mark)).list().ofMaxSize(50);
  }

  @Property(tries = 1000)
  void perStrategyRealizedUnrealizedAndFeesSumExactlyToThePortfolios(@ForAll("histories") List<Step> steps) {
    Portfolio portfolio = new Portfolio(INITIAL_CASH);
    StrategyAttribution attribution = new StrategyAttribution();
    for (Step step : steps) {
      apply(portfolio, attribution, step);
      List<StrategyPnl> rows = attribution.report(portfolio);
      StrategyPnl total = rows.get(rows.size() - 1);
      Fixed realized = Fixed.ZERO;
      Fixed unrealized = Fixed.ZERO;
      Fixed fees = Fixed.ZERO;
      for (StrategyPnl row : rows.subList(0, rows.size() - 1)) {
        realized = realized.plus(row.realizedPnl());
        unrealized = unrealized.plus(row.unrealizedPnl());
        fees = fees.plus(row.fees());
        assertEquals(row.realizedPnl().plus(row.unrealizedPnl()).minus(row.fees()), row.netPnl());
      }
      assertEquals(portfolio.realizedPnl(), realized, "Σ realized after " + step);
      assertEquals(portfolio.unrealizedPnl(), unrealized, "Σ unrealized after " + step);
      assertEquals(portfolio.fees(), fees, "Σ fees after " + step);
      assertEquals(portfolio.realizedPnl(), total.realizedPnl());
      assertEquals(portfolio.unrealizedPnl(), total.unrealizedPnl());
      assertEquals(portfolio.fees(), total.fees());
      assertEquals(portfolio.equity().minus(INITIAL_CASH), total.netPnl(), "net is equity's change");
    }
  }

  @Property(tries = 500)
  void dailyRealizedFeesAndTradesSumToThePortfolios(@ForAll("histories") List<Step> steps) {
    Portfolio portfolio = new Portfolio(INITIAL_CASH);
    StrategyAttribution attribution = new StrategyAttribution();
    long fills = 0;
    for (Step step : steps) {
      fills += apply(portfolio, attribution, step);
    }
    List<DayPnl> days = attribution.days(4, 3 * DAY + 5);
    assertEquals(4, days.size());
    assertEquals("1970-01-01", days.get(0).date());
    assertEquals(portfolio.realizedPnl(), days.stream().map(DayPnl::realizedPnl).reduce(Fixed.ZERO, Fixed::plus));
    assertEquals(portfolio.fees(), days.stream().map(DayPnl::fees).reduce(Fixed.ZERO, Fixed::plus));
    assertEquals(fills, days.stream().mapToLong(DayPnl::trades).sum());
  }

  /** Strategies on disjoint symbols: each one's P&L is exactly its symbols' P&L in the portfolio. */
  @Property(tries = 500)
  void aStrategyAloneOnItsSymbolHasThatSymbolsPnl(@ForAll("histories") List<Step> steps) {
    Portfolio portfolio = new Portfolio(INITIAL_CASH);
    StrategyAttribution attribution = new StrategyAttribution();
    for (Step step : steps) {
      // strategy i trades symbol i only
      Step own = step;
      if (step instanceof Trade t) {
        own = new Trade(t.symbol(), t.symbol(), t.side(), t.quantityRaw(), t.priceRaw(), t.feeRaw(), t.day());
      } else if (step instanceof Flatten f) {
        own = new Flatten(f.symbol(), f.symbol(), f.priceRaw(), f.feeRaw(), f.day());
      }
      apply(portfolio, attribution, own);
    }
    for (StrategyPnl row : attribution.report(portfolio)) {
      if (row.strategy() == null) {
        continue;
      }
      String symbol = SYMBOLS.get(STRATEGIES.indexOf(row.strategy()));
      assertEquals(portfolio.position(symbol).orElseThrow().realizedPnl(), row.realizedPnl(), row.toString());
      assertEquals(portfolio.unrealizedPnl(symbol), row.unrealizedPnl(), row.toString());
    }
  }

  @Example
  void anOperatorFlatteningAStrategysPositionLeavesTheGainWithTheStrategy() {
    Portfolio portfolio = new Portfolio(INITIAL_CASH);
    StrategyAttribution attribution = new StrategyAttribution();
    both(portfolio, attribution, fill("momentum", Side.BUY, "10", "100", "1", 0));
    both(portfolio, attribution, fill("manual", Side.SELL, "10", "110", "1", DAY + 1));
    List<StrategyPnl> rows = attribution.report(portfolio);
    StrategyPnl manual = rows.get(0);
    StrategyPnl momentum = rows.get(1);
    assertEquals("manual", manual.strategy());
    assertEquals(Fixed.ZERO, manual.realizedPnl());
    assertEquals(Fixed.of("-1"), manual.netPnl());
    assertEquals(Fixed.of(100), momentum.realizedPnl());
    assertEquals(Fixed.ZERO, momentum.unrealizedPnl());
    assertEquals(1, momentum.closes());
    assertEquals(1, momentum.wins());
    assertEquals(1, manual.closes());
    assertEquals(0, manual.wins());
    assertEquals(0.0, manual.winRate());
    assertEquals(1.0, momentum.winRate());
    List<DayPnl> days = attribution.days(2, DAY + 2);
    assertEquals(Fixed.ZERO, days.get(0).realizedPnl());
    assertEquals(Fixed.of(100), days.get(1).realizedPnl());
    assertEquals(Fixed.of(99), days.get(1).netPnl());
    assertEquals("1970-01-02", days.get(1).date());
  }

  private static long apply(Portfolio portfolio, StrategyAttribution attribution, Step step) {
    if (step instanceof Trade t) {
      both(portfolio, attribution, new Fill("f", "o", STRATEGIES.get(t.strategy()), SYMBOLS.get(t.symbol()),
          t.side(), Fixed.ofRaw(t.quantityRaw()), Fixed.ofRaw(t.priceRaw()), Fixed.ofRaw(t.feeRaw()),
          t.day() * DAY + 1));
      return 1;
    }
    if (step instanceof Flatten f) {
      Fixed held = portfolio.quantity(SYMBOLS.get(f.symbol()));
      if (held.isZero()) {
        return 0;
      }
      Side side = held.isPositive() ? Side.SELL : Side.BUY;
      both(portfolio, attribution, new Fill("f", "o", STRATEGIES.get(f.strategy()), SYMBOLS.get(f.symbol()), side,
          held.abs(), Fixed.ofRaw(f.priceRaw()), Fixed.ofRaw(f.feeRaw()), f.day() * DAY + 1));
      return 1;
    }
    Mark m = (Mark) step;
    portfolio.mark(SYMBOLS.get(m.symbol()), Fixed.ofRaw(m.priceRaw()), 0);
    return 0;
  }

  private static void both(Portfolio portfolio, StrategyAttribution attribution, Fill fill) {
    portfolio.onFill(fill);
    attribution.onFill(fill);
  }

  private static Fill fill(String strategy, Side side, String quantity, String price, String fee, long ts) {
    return new Fill("f", "o", strategy, "AAPL", side, Fixed.of(quantity), Fixed.of(price), Fixed.of(fee), ts);
  }
}
