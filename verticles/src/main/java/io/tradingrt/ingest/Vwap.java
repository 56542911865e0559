package io.tradingrt.ingest;

/**
 * The bar's VWAP in raw fixed-point units without BigDecimal on the common path: Σ(price·size), a signed 128-bit sum
 * of raw products (scale 16), divided by the volume's raw units (scale 8) and rounded half-even to scale 8, exactly as
 * {@code BigDecimal.divide(volume, 8, HALF_EVEN)} does. It answers only where that is plain: a notional of zero or
 * more, a positive volume and a quotient that fits a long; otherwise the caller goes the BigDecimal way.
 */
final class Vwap {
  /** Returned when the quotient is not for this path (negative notional, zero volume, too large). */
  static final long NOT_HERE = Long.MIN_VALUE;

  private static final long HALF = 1L << 32;
  private static final long LOW_32 = 0xFFFF_FFFFL;

  private Vwap() {
  }

  /** round_half_even((hi·2^64 + lo unsigned) / volume), or {@link #NOT_HERE}. */
  static long of(long hi, long lo, long volume) {
    if (hi < 0 || volume <= 0 || Long.compareUnsigned(hi, volume) >= 0) {
      return NOT_HERE;
    }
    long[] remainder = new long[1];
    long quotient = divideUnsigned(hi, lo, volume, remainder);
    long rest = remainder[0];
    // round half-even: up when the remainder is more than half the volume, or exactly half and the quotient odd
    int half = Long.compareUnsigned(rest, volume - rest);
    if (half > 0 || (half == 0 && (quotient & 1) == 1)) {
      quotient++;
      if (quotient == 0) {
        return NOT_HERE;
      }
    }
    return quotient < 0 ? NOT_HERE : quotient;
  }

  /**
   * Unsigned (hi·2^64 + lo) / divisor for hi < divisor (so the quotient fits 64 bits): schoolbook division in two
   * 32-bit digits after normalising the divisor's top bit (Knuth's algorithm D for a two-digit divisor).
   */
  static long divideUnsigned(long hi, long lo, long divisor, long[] remainder) {
    int shift = Long.numberOfLeadingZeros(divisor);
    long v = divisor << shift;
    long vHigh = v >>> 32;
    long vLow = v & LOW_32;
    long top = shift == 0 ? hi : (hi << shift) | (lo >>> (64 - shift));
    long bottom = lo << shift;
    long bottomHigh = bottom >>> 32;
    long bottomLow = bottom & LOW_32;

    long q1 = digit(top, vHigh, vLow, bottomHigh);
    long middle = top * HALF + bottomHigh - q1 * v;
    long q0 = digit(middle, vHigh, vLow, bottomLow);
    remainder[0] = (middle * HALF + bottomLow - q0 * v) >>> shift;
    return q1 * HALF + q0;
  }

  /**
   * One 32-bit digit of the quotient: {@code numerator / vHigh} estimated, then lowered while it overshoots what the
   * divisor's low half and the next digit of the dividend allow (at most twice, the divisor being normalised).
   */
  private static long digit(long numerator, long vHigh, long vLow, long nextDigit) {
    long q = divideByDigit(numerator, vHigh);
    long rest = numerator - q * vHigh;
    while (Long.compareUnsigned(q, HALF) >= 0 || Long.compareUnsigned(q * vLow, rest * HALF + nextDigit) > 0) {
      q--;
      rest += vHigh;
      if (Long.compareUnsigned(rest, HALF) >= 0) {
        break;
      }
    }
    return q;
  }

  /**
   * Unsigned {@code numerator / divisor} for a divisor below 2^32. Java 17's {@code Long.divideUnsigned} takes a
   * {@code BigInteger} for a numerator at or above 2^63, which a normalised top digit usually is; here the top bit
   * is divided first, and the quotient of half the numerator, doubled, is off by at most one.
   */
  static long divideByDigit(long numerator, long divisor) {
    if (numerator >= 0) {
      return numerator / divisor;
    }
    long q = ((numerator >>> 1) / divisor) << 1;
    long rest = numerator - q * divisor;
    return Long.compareUnsigned(rest, divisor) >= 0 ? q + 1 : q;
  }
}
