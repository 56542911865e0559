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

/** The running sums a window keeps up are exactly the sums of what it holds, however values come and go. */
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
}
