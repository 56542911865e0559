package io.tradingrt.signal;

import io.tradingrt.codecs.Fixed;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The strategies' allocation-free arithmetic gives the integers {@code BigInteger} gives: 128 × 128-bit products and
 * their comparison, and the mean-reversion zone of every tick, in the long path and in the reference path alike.
 */
class WideArithmeticProperties {

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  @Property(tries = 3000)
  void theUnsignedHighWordIsTheBigIntegerOne(@ForAll long a, @ForAll long b) {
    BigInteger product = unsigned(a).multiply(unsigned(b));
    assertEquals(product.shiftRight(64).longValue(), Wide.multiplyHighUnsigned(a, b));
  }

  @Property(tries = 3000)
  void productsAndTheirOrderAreExact(@ForAll long aHigh, @ForAll long aLow, @ForAll long bHigh, @ForAll long bLow,
      @ForAll long cHigh, @ForAll long cLow, @ForAll long dHigh, @ForAll long dLow) {
    long[] ab = new long[4];
    long[] cd = new long[4];
    Wide.multiply(aHigh, aLow, bHigh, bLow, ab);
    Wide.multiply(cHigh, cLow, dHigh, dLow, cd);
    BigInteger expectedAb = wide(aHigh, aLow).multiply(wide(bHigh, bLow));
    BigInteger expectedCd = wide(cHigh, cLow).multiply(wide(dHigh, dLow));
    assertEquals(expectedAb, of(ab));
    assertEquals(expectedCd, of(cd));
    assertEquals(expectedAb.compareTo(expectedCd), Integer.signum(Wide.compare(ab, cd)));
  }

  @Property(tries = 1000)
  void smallFactorsMultiplyExactly(@ForAll @LongRange(min = 0, max = 1L << 40) long a,
      @ForAll @LongRange(min = 0, max = 1L << 40) long b) {
    long[] product = new long[4];
    Wide.multiply(0, a, 0, b, product);
    assertEquals(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)), of(product));
  }

  /** Every tick of a random walk gets the zone the BigInteger formula gives, whatever the window and the bands. */
  @Property(tries = 500)
  void theMeanReversionZoneIsTheExactOne(@ForAll @IntRange(min = 2, max = 50) int window,
      @ForAll("entryExit") long[] bands, @ForAll("walks") List<Long> mids) {
    MeanReversion strategy = new MeanReversion("m", List.of("X"), window, Fixed.ofRaw(bands[0]),
        Fixed.ofRaw(bands[1]), Fixed.ONE);
    RollingWindow held = new RollingWindow(window, true);
    for (long mid : mids) {
      held.add(mid);
      if (held.isFull()) {
        assertEquals(strategy.zoneExactly(mid, held.sum(), held.sumOfSquares()),
            strategy.zone(mid, held.sum(), held.sumOfSquaresHigh(), held.sumOfSquaresLow()));
      }
    }
  }

  /**
   * Values far beyond any market, where n·mid passes a long while the window's sum still fits (the fast path gives
   * up and the BigInteger path decides): the same zone either way. A window whose sum itself overflows starts over.
   */
  @Property(tries = 300)
  void hugeValuesFallBackToTheSameZone(@ForAll @Size(min = 2, max = 12) List<@LongRange(
      min = 100_000_000_000_000_000L, max = 5_000_000_000_000_000_000L) Long> mids) {
    MeanReversion strategy = new MeanReversion("m", List.of("X"), 2, Fixed.of("1.5"), Fixed.of("0.3"), Fixed.ONE);
    RollingWindow held = new RollingWindow(2, true);
    for (long mid : mids) {
      try {
        held.add(mid);
      } catch (ArithmeticException sumOverflows) {
        held = new RollingWindow(2, true);
        continue;
      }
      if (held.isFull()) {
        assertEquals(strategy.zoneExactly(mid, held.sum(), held.sumOfSquares()),
            strategy.zone(mid, held.sum(), held.sumOfSquaresHigh(), held.sumOfSquaresLow()));
      }
    }
  }

  @Example
  void aMidWhoseWindowMultipleOverflowsALongIsDecidedExactly() {
    MeanReversion strategy = new MeanReversion("m", List.of("X"), 2, Fixed.of("0.5"), Fixed.of("0.3"), Fixed.ONE);
    RollingWindow held = new RollingWindow(2, true);
    held.add(1_000_000_000_000_000_000L);
    held.add(5_000_000_000_000_000_000L);
    // two values: z = ±1 for each, beyond 0.5, and 2 × 5e18 is past Long.MAX_VALUE
    assertEquals(MeanReversion.ABOVE, strategy.zone(5_000_000_000_000_000_000L, held.sum(), held.sumOfSquaresHigh(),
        held.sumOfSquaresLow()));
  }

  @Provide
  Arbitrary<long[]> entryExit() {
    return Arbitraries.longs().between(1, 10 * Fixed.ONE_RAW).flatMap(entry -> Arbitraries.longs()
        .between(0, entry - 1).map(exit -> new long[] {entry, exit}));
  }

  /** Mids around 1 to 100,000 units moving by up to ±1 % a step, and flat stretches (zero spread) now and then. */
  @Provide
  Arbitrary<List<Long>> walks() {
    return Arbitraries.longs().between(Fixed.ONE_RAW, 100_000 * Fixed.ONE_RAW).flatMap(start -> Arbitraries
        .integers().between(-100, 100).list().ofMinSize(2).ofMaxSize(200).map(steps -> {
          List<Long> mids = new java.util.ArrayList<>();
          long mid = start;
          for (int step : steps) {
            mid = Math.max(1, mid + (Math.abs(step) < 20 ? 0 : mid / 10_000 * step));
            mids.add(mid);
          }
          return mids;
        }));
  }

  private static BigInteger unsigned(long value) {
    return new BigInteger(Long.toUnsignedString(value));
  }

  private static BigInteger wide(long high, long low) {
    return unsigned(high).shiftLeft(64).add(unsigned(low));
  }

  private static BigInteger of(long[] words) {
    BigInteger value = BigInteger.ZERO;
    for (long word : words) {
      value = value.multiply(TWO_64).add(unsigned(word));
    }
    return value;
  }
}
