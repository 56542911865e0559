package io.tradingrt.signal;

import io.tradingrt.codecs.Fixed;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The strategies' exact arithmetic: the running sums a window keeps up are exactly the sums of what it holds,
 * however values come and go, and the crossover's comparison of averages is the exact one, beyond a long's range.
 */
class RollingWindowProperties {

  @Property(tries = 300)
  void theRunningSumAndSumOfSquaresAreExact(@ForAll @IntRange(min = 1, max = 40) int capacity,
      @ForAll @Size(max = 200) List<@LongRange(min = -100_000_000_000_000L, max = 100_000_000_000_000L) Long> raws) {
    RollingWindow window = new RollingWindow(capacity, true);
    for (long raw : raws) {
      window.add(Fixed.ofRaw(raw));
      long sum = 0;
      BigInteger squares = BigInteger.ZERO;
      for (int i = 0; i < window.size(); i++) {
        sum += window.raw(i);
        squares = squares.add(BigInteger.valueOf(window.raw(i)).pow(2));
      }
      assertEquals(sum, window.sum());
      assertEquals(squares, window.sumOfSquares());
    }
  }

  @Property(tries = 2000)
  void theCrossoverComparesProductsExactly(@ForAll long a, @ForAll long b, @ForAll long c, @ForAll long d) {
    int expected = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
        .compareTo(BigInteger.valueOf(c).multiply(BigInteger.valueOf(d)));
    assertEquals(Integer.signum(expected), Integer.signum(MovingAverageCrossover.compareProducts(a, b, c, d)));
  }

  @Property(tries = 200)
  void aWideWindowAtHighPricesComparesWithoutOverflow(@ForAll @LongRange(min = 1_000, max = 1_000_000) long price) {
    // 40,000 ticks at up to 1,000,000: the sums times the other window are far beyond a long
    long raw = Fixed.of(price).raw();
    assertEquals(0, MovingAverageCrossover.compareProducts(raw * 10_000, 40_000, raw * 40_000, 10_000));
    assertEquals(1, Integer.signum(MovingAverageCrossover.compareProducts(raw * 10_000 + 1, 40_000, raw * 40_000,
        10_000)));
  }
}
