package io.tradingrt.backtest;

import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.Tick;
import io.tradingrt.config.RuntimeSettings;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's figures agree with direct computations: from the fills and the last quotes (equity, cash, fees,
 * turnover, counts, for the account, each strategy and each symbol) and from the curve (drawdown and its duration).
 */
class BacktestFiguresProperties {
  private static final List<String> SYMBOLS = BacktestEngineTest.SYMBOLS;

  record Run(BacktestSpec spec, BacktestResult result, Map<String, Fixed> lastMid) {
  }

  private static Run run(long seed, int ticks, long stepMicros, int fast, int slow, long feeBps, long latencyMicros,
                         int curvePoints) {
    RuntimeSettings settings = RuntimeSettings.of("{\"strategies\": ["
        + "{\"name\": \"momentum\", \"type\": \"ma-crossover\", \"symbols\": [\"AAPL\", \"MSFT\", \"GOOG\"], "
        + "\"fast\": " + fast + ", \"slow\": " + slow + ", \"quantity\": \"7\"},"
        + "{\"name\": \"meanrev\", \"type\": \"mean-reversion\", \"symbols\": [\"AMZN\", \"TSLA\", \"AAPL\"], "
        + "\"window\": 12, \"entryZ\": \"1\", \"exitZ\": \"0.2\", \"quantity\": \"5\"}],"
        + "\"execution\": {\"feeBps\": " + feeBps + ", \"latencyMicros\": " + latencyMicros + "}}");
    BacktestSpec spec = BacktestSpec.of(settings).withCurve(1_000_000, curvePoints);
    Map<String, Fixed> lastMid = new HashMap<>();
    try (TickSource source = GeneratedTickSource.of(SYMBOLS, seed, ticks, BacktestEngineTest.START, stepMicros)) {
      Tick t;
      while ((t = source.next()) != null) {
        lastMid.put(t.symbol(), t.mid());
      }
    }
    BacktestResult result = BacktestEngineTest.run(spec, GeneratedTickSource.of(SYMBOLS, seed, ticks,
        BacktestEngineTest.START, stepMicros));
    return new Run(spec, result, lastMid);
  }

  @Property(tries = 25)
  void figuresAgreeWithADirectComputationFromTheFills(@ForAll @LongRange(min = 1, max = 1_000) long seed,
                                                      @ForAll @IntRange(min = 500, max = 8_000) int ticks,
                                                      @ForAll @LongRange(min = 1_000, max = 2_000_000) long step,
                                                      @ForAll @IntRange(min = 1, max = 4) int fast,
                                                      @ForAll @IntRange(min = 5, max = 12) int slow,
                                                      @ForAll @LongRange(min = 0, max = 20) long feeBps,
                                                      @ForAll @LongRange(min = 0, max = 3_000_000) long latency) {
    Run run = run(seed, ticks, step, fast, slow, feeBps, latency, 40);
    BacktestResult r = run.result();
    Fixed cash = run.spec().initialCash();
    checkScope(r.total(), r.fills(), f -> true, run);
    for (Figures strategy : r.strategies()) {
      String name = strategy.scope().substring("strategy:".length());
      checkScope(strategy, r.fills(), f -> f.strategy().equals(name), run);
    }
    for (Figures symbol : r.symbols()) {
      String name = symbol.scope().substring("symbol:".length());
      checkScope(symbol, r.fills(), f -> f.symbol().equals(name), run);
    }
    assertEquals(r.fills().size(), r.strategies().stream().mapToLong(Figures::fills).sum());
    assertEquals(r.fills().size(), r.symbols().stream().mapToLong(Figures::fills).sum());
    assertEquals(cash, r.total().initialCash());
  }

  /** One scope: its fills alone give its cash, equity at the last mids, fees, turnover and closing fills. */
  private static void checkScope(Figures figures, List<Fill> all, Predicate<Fill> mine, Run run) {
    Fixed cash = run.spec().initialCash();
    Fixed fees = Fixed.ZERO;
    Fixed turnover = Fixed.ZERO;
    Map<String, Fixed> position = new TreeMap<>();
    long fills = 0;
    long closing = 0;
    for (Fill f : all) {
      if (!mine.test(f)) {
        continue;
      }
      fills++;
      Fixed before = position.getOrDefault(f.symbol(), Fixed.ZERO);
      if (before.signum() == -f.side().sign()) {
        closing++;
      }
      Fixed signed = f.side() == Side.BUY ? f.quantity() : f.quantity().negate();
      position.put(f.symbol(), before.plus(signed));
      cash = f.side() == Side.BUY ? cash.minus(f.notional()) : cash.plus(f.notional());
      cash = cash.minus(f.fee());
      fees = fees.plus(f.fee());
      turnover = turnover.plus(f.notional());
    }
    Fixed equity = cash;
    for (Map.Entry<String, Fixed> p : position.entrySet()) {
      equity = equity.plus(p.getValue().times(run.lastMid().get(p.getKey())));
    }
    String scope = figures.scope();
    assertEquals(fills, figures.fills(), scope + " fills");
    assertEquals(closing, figures.closingFills(), scope + " closing fills");
    assertEquals(fees, figures.fees(), scope + " fees");
    assertEquals(turnover, figures.turnover(), scope + " turnover");
    assertEquals(equity, figures.finalEquity(), scope + " equity = cash + positions at the last mids");
    assertEquals(figures.finalEquity(), figures.initialCash().plus(figures.realizedPnl())
        .plus(figures.unrealizedPnl()).minus(figures.fees()), scope + " equity = initial + realized + unrealized - fees");
    assertEquals(figures.finalEquity().minus(figures.initialCash()), figures.netPnl(), scope + " net P&L");
    if (figures.winRate() != null) {
      double wins = figures.winRate() * figures.closingFills();
      assertTrue(Math.abs(wins - Math.rint(wins)) < 1e-6 && wins <= closing, scope + " win rate counts fills");
    }
  }

  @Property(tries = 25)
  void maxDrawdownAndItsDurationAreWhatTheCurveShows(@ForAll @LongRange(min = 1, max = 1_000) long seed,
                                                     @ForAll @IntRange(min = 500, max = 8_000) int ticks,
                                                     @ForAll @LongRange(min = 1_000, max = 2_000_000) long step,
                                                     @ForAll @IntRange(min = 2, max = 60) int curvePoints) {
    Run run = run(seed, ticks, step, 2, 8, 1, 0, curvePoints);
    Curve curve = run.result().curve();
    List<Curve.Point> points = curve.points();
    assertTrue(points.size() <= 2 * curvePoints, points.size() + " points, bound " + 2 * curvePoints);
    Fixed worst = Fixed.ZERO;
    long longest = 0;
    for (int i = 0; i < points.size(); i++) {
      Fixed peak = points.get(0).equity();
      int peakAt = 0;
      for (int j = 1; j <= i; j++) {
        if (points.get(j).equity().compareTo(peak) >= 0) {
          peak = points.get(j).equity();
          peakAt = j;
        }
      }
      Fixed drawdown = peak.minus(points.get(i).equity());
      assertEquals(drawdown, points.get(i).drawdown(), "the curve's drawdown at " + i);
      worst = Fixed.max(worst, drawdown);
      if (drawdown.isPositive()) {
        int recovered = i + 1;
        while (recovered < points.size() && points.get(recovered).equity().lessThan(peak)) {
          recovered++;
        }
        long end = recovered < points.size() ? points.get(recovered).tsMicros()
            : points.get(points.size() - 1).tsMicros();
        longest = Math.max(longest, end - points.get(peakAt).tsMicros());
      }
    }
    assertEquals(worst, run.result().total().maxDrawdown(), "max drawdown");
    assertEquals(longest, run.result().total().maxDrawdownMicros(), "longest time below a peak");
    for (int i = 1; i < points.size(); i++) {
      assertTrue(points.get(i).tsMicros() > points.get(i - 1).tsMicros(), "one point per interval, in time order");
      assertEquals(0, points.get(i).tsMicros() % curve.intervalMicros(), "points sit on interval starts");
    }
  }
}
