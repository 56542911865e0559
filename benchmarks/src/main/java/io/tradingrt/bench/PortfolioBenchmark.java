package io.tradingrt.bench;

import io.tradingrt.book.Portfolio;
import io.tradingrt.codecs.Fill;
import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.PortfolioSnapshot;
import io.tradingrt.codecs.Side;
import io.tradingrt.codecs.Tick;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One fill plus one mark (the per-fill and per-tick work of the portfolio verticle), one mark alone (a tick between
 * fills) and a five-symbol snapshot.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PortfolioBenchmark {

  static final int CYCLE = 1 << 10;
  static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "GOOG", "AMZN", "TSLA");

  private Fill[] fills;
  private Tick[] ticks;
  private Portfolio portfolio;
  private int next;

  @Setup
  public void setUp() {
    fills = new Fill[CYCLE];
    ticks = new Tick[CYCLE];
    for (int i = 0; i < CYCLE; i++) {
      String symbol = SYMBOLS.get(i % SYMBOLS.size());
      Fixed price = Fixed.of(100).plus(Fixed.of(i % 37).dividedBy(Fixed.of(100)));
      // three buys for every two sells per symbol keeps positions drifting, crossing zero now and then
      Side side = (i / SYMBOLS.size()) % 5 < 3 ? Side.BUY : Side.SELL;
      fills[i] = new Fill("f" + i, "o" + i, "bench", symbol, side, Fixed.of(1 + i % 7), price, Fixed.of("0.01"), i);
      ticks[i] = new Tick(symbol, i, price.minus(Fixed.of("0.01")), price.plus(Fixed.of("0.01")), Fixed.of(100),
          Fixed.of(100), price, Fixed.ONE, i);
    }
    portfolio = new Portfolio(Fixed.of(1_000_000));
    for (int i = 0; i < 7; i++) {
      portfolio.onFill(fills[i]);
    }
  }

  @Benchmark
  public Fixed fillThenMark() {
    int i = next;
    next = (next + 1) & (CYCLE - 1);
    portfolio.onFill(fills[i]);
    portfolio.onTick(ticks[(i + 3) & (CYCLE - 1)]);
    return portfolio.equity();
  }

  /** A quote marking an open position: what the portfolio role does on every tick between fills. */
  @Benchmark
  public Fixed mark() {
    int i = next;
    next = (next + 1) & (CYCLE - 1);
    portfolio.onTick(ticks[i]);
    return portfolio.equity();
  }

  @Benchmark
  public PortfolioSnapshot snapshot() {
    fillThenMark();
    return portfolio.snapshot(next);
  }
}
