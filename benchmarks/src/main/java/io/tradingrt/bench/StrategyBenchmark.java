package io.tradingrt.bench;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Signal;
import io.tradingrt.codecs.Tick;
import io.tradingrt.signal.MeanReversion;
import io.tradingrt.signal.MovingAverageCrossover;
import io.tradingrt.signal.Strategy;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One strategy update: a tick of a random walk over five symbols into each of the two strategies. {@code windows}
 * {@code heavy} are the latency benchmark's quick windows (MA 2/5, mean reversion 10, a signal every few ticks),
 * {@code defaults} the runtime's (MA 5/20, mean reversion 30), {@code stretched} the defaults × 2000 (the realistic
 * flow at 100 K ticks/s, where the sums grow large). No fills come back, as between two fills live.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class StrategyBenchmark {

  static final int CYCLE = 1 << 16;
  static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "GOOG", "AMZN", "TSLA");

  @Param({"heavy", "defaults", "stretched"})
  public String windows;

  private Tick[] ticks;
  private Strategy crossover;
  private Strategy meanReversion;
  private int next;

  @Setup
  public void setUp() {
    int stretch = "stretched".equals(windows) ? 2000 : 1;
    boolean heavy = "heavy".equals(windows);
    crossover = new MovingAverageCrossover("momentum", SYMBOLS, heavy ? 2 : 5 * stretch, heavy ? 5 : 20 * stretch,
        Fixed.of(10));
    meanReversion = new MeanReversion("meanrev", SYMBOLS, heavy ? 10 : 30 * stretch, Fixed.of("1.5"),
        Fixed.of("0.3"), Fixed.of(10));
    ticks = new Tick[CYCLE];
    SplittableRandom random = new SplittableRandom(13);
    long[] mids = new long[SYMBOLS.size()];
    java.util.Arrays.fill(mids, 100 * Fixed.ONE_RAW);
    for (int i = 0; i < CYCLE; i++) {
      int s = i % SYMBOLS.size();
      mids[s] = Math.max(Fixed.ONE_RAW, mids[s] + random.nextLong(-2_000_000, 2_000_001));
      Fixed bid = Fixed.ofRaw(mids[s] - 500_000);
      Fixed ask = Fixed.ofRaw(mids[s] + 500_000);
      ticks[i] = new Tick(SYMBOLS.get(s), i, bid, ask, Fixed.of(100), Fixed.of(100), bid, Fixed.ONE, i);
    }
    // fill the windows, so every measured tick does the full update
    for (int i = 0; i < 30 * stretch * SYMBOLS.size() + CYCLE; i++) {
      update();
    }
  }

  @Benchmark
  public int update() {
    Tick tick = ticks[next];
    next = (next + 1) & (CYCLE - 1);
    List<Signal> a = crossover.onTick(tick);
    List<Signal> b = meanReversion.onTick(tick);
    return a.size() + b.size();
  }
}
