package io.tradingrt.signal;

/**
 * Exact unsigned 128-bit values as two longs (high, low) and their 256-bit products, for the strategies' per-tick
 * comparisons: the same integers {@code BigInteger} would give, without allocating. A product is written into a
 * caller's {@code long[4]}, most significant word first.
 */
final class Wide {

  private Wide() {
  }

  /** The high 64 bits of the unsigned 128-bit product of a and b ({@code Math.unsignedMultiplyHigh} of Java 18). */
  static long multiplyHighUnsigned(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  /** {@code product} = (aHigh, aLow) × (bHigh, bLow), all unsigned; {@code product[0]} is the top word. */
  static void multiply(long aHigh, long aLow, long bHigh, long bLow, long[] product) {
    long lowLow = aLow * bLow;
    long lowLowHigh = multiplyHighUnsigned(aLow, bLow);
    long lowHigh = aLow * bHigh;
    long lowHighHigh = multiplyHighUnsigned(aLow, bHigh);
    long highLow = aHigh * bLow;
    long highLowHigh = multiplyHighUnsigned(aHigh, bLow);
    long highHigh = aHigh * bHigh;
    long highHighHigh = multiplyHighUnsigned(aHigh, bHigh);

    long word1 = lowLowHigh + lowHigh;
    long carry1 = Long.compareUnsigned(word1, lowHigh) < 0 ? 1 : 0;
    long word1b = word1 + highLow;
    carry1 += Long.compareUnsigned(word1b, highLow) < 0 ? 1 : 0;

    long word2 = lowHighHigh + highLowHigh;
    long carry2 = Long.compareUnsigned(word2, highLowHigh) < 0 ? 1 : 0;
    long word2b = word2 + highHigh;
    carry2 += Long.compareUnsigned(word2b, highHigh) < 0 ? 1 : 0;
    long word2c = word2b + carry1;
    carry2 += Long.compareUnsigned(word2c, carry1) < 0 ? 1 : 0;

    product[0] = highHighHigh + carry2;
    product[1] = word2c;
    product[2] = word1b;
    product[3] = lowLow;
  }

  /** Compares two unsigned 256-bit values written by {@link #multiply}. */
  static int compare(long[] x, long[] y) {
    for (int i = 0; i < 4; i++) {
      if (x[i] != y[i]) {
        return Long.compareUnsigned(x[i], y[i]);
      }
    }
    return 0;
  }
}
