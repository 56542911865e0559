package io.tradingrt.ingest;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Geometric random walk per symbol with a spread, round-robin over the symbols; the same seed gives the same ticks.
 * Doubles drive the simulation only: every published value is rounded onto the tick grid as an exact {@link Fixed}.
 */
public final class SimulatedFeed implements TickFeed {
  private static final long TICK_RAW = Fixed.of("0.01").raw();

  private final List<String> symbols;
  private final double[] mids;
  private final double sigma;
  private final double halfSpreadFraction;
  private final SplittableRandom random;
  private long seq;
  private int nextSymbol;

  /**
   * @param volatilityBps standard deviation of the log-return per tick, in basis points
   * @param spreadBps     quoted spread as a fraction of the mid, in basis points (at least one tick)
   */
  public SimulatedFeed(List<String> symbols, long seed, Fixed startPrice, long volatilityBps, long spreadBps) {
    if (symbols.isEmpty()) {
      throw new IllegalArgumentException("the simulated feed needs at least one symbol");
    }
    if (!startPrice.isPositive()) {
      throw new IllegalArgumentException("startPrice must be positive, got " + startPrice);
    }
    this.symbols = List.copyOf(symbols);
    this.mids = new double[symbols.size()];
    for (int i = 0; i < mids.length; i++) {
      mids[i] = startPrice.toDouble() * (1 + 0.25 * i);
    }
    this.sigma = volatilityBps / 10_000.0;
    this.halfSpreadFraction = spreadBps / 20_000.0;
    this.random = new SplittableRandom(seed);
  }

  @Override
  public Tick next(long plannedMicros) {
    int index = nextSymbol;
    nextSymbol = (nextSymbol + 1) % mids.length;
    double mid = mids[index] * Math.exp(sigma * random.nextGaussian() - sigma * sigma / 2);
    mid = Math.max(mid, 1.0);
    mids[index] = mid;
    long bidRaw = roundDownToTick(Fixed.ofDouble(mid * (1 - halfSpreadFraction)).raw());
    long askRaw = Math.max(bidRaw + TICK_RAW, roundUpToTick(Fixed.ofDouble(mid * (1 + halfSpreadFraction)).raw()));
    boolean buyerInitiated = random.nextBoolean();
    Fixed bid = Fixed.ofRaw(bidRaw);
    Fixed ask = Fixed.ofRaw(askRaw);
    return new Tick(symbols.get(index), plannedMicros, bid, ask, lots(1000), lots(1000),
        buyerInitiated ? ask : bid, lots(200), ++seq);
  }

  @Override
  public boolean dropsWhenBehind() {
    return true;
  }

  @Override
  public String describe() {
    return "simulated feed over " + symbols;
  }

  private Fixed lots(int max) {
    return Fixed.of(1 + random.nextInt(max));
  }

  private static long roundDownToTick(long raw) {
    return Math.floorDiv(raw, TICK_RAW) * TICK_RAW;
  }

  private static long roundUpToTick(long raw) {
    return -Math.floorDiv(-raw, TICK_RAW) * TICK_RAW;
  }
}
