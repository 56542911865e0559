package io.tradingrt.codecs;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An exact decimal with 8 fractional digits stored as a scaled {@code long} (DuckDB's DECIMAL(18,8)).
 * Prices, quantities, cash and P&L all use it; the contract has no {@code double}.
 * Range: about ±92 billion, ample for one account; arithmetic that overflows throws instead of wrapping.
 */
public record Fixed(long raw) implements Comparable<Fixed> {

  public static final int SCALE = 8;
  public static final long ONE_RAW = 100_000_000L;
  public static final Fixed ZERO = new Fixed(0);
  public static final Fixed ONE = new Fixed(ONE_RAW);
  /** The largest magnitude DuckDB's DECIMAL(18,8) holds: 9,999,999,999.99999999. */
  public static final long STORABLE_MAX_RAW = 999_999_999_999_999_999L;

  public static Fixed ofRaw(long raw) {
    return raw == 0 ? ZERO : new Fixed(raw);
  }

  public static Fixed of(long units) {
    return new Fixed(Math.multiplyExact(units, ONE_RAW));
  }

  /** Parses a decimal string; more than 8 fractional digits is an error, never a silent rounding. */
  public static Fixed of(String text) {
    try {
      return of(new BigDecimal(text.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a decimal number: '" + text + "'");
    }
  }

  /**
   * The strict form every edge accepts: ASCII digits, an optional leading {@code -}, an optional point followed by
   * one to eight digits; no sign {@code +}, exponent, blanks or other scripts' digits.
   */
  public static Fixed parse(String text) {
    if (text == null || !isPlainDecimal(text)) {
      throw new IllegalArgumentException("malformed decimal '" + text
          + "': use ASCII digits, an optional leading '-' and at most " + SCALE + " fractional digits");
    }
    return of(new BigDecimal(text));
  }

  private static boolean isPlainDecimal(String text) {
    int n = text.length();
    int i = text.startsWith("-") ? 1 : 0;
    int integerDigits = 0;
    while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
      integerDigits++;
    }
    if (integerDigits == 0 || integerDigits > 19) {
      return false;
    }
    if (i == n) {
      return true;
    }
    if (text.charAt(i++) != '.') {
      return false;
    }
    int fractionDigits = n - i;
    for (; i < n; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return fractionDigits >= 1 && fractionDigits <= SCALE;
  }

  /** True when DuckDB's DECIMAL(18,8) columns can hold this value. */
  public boolean isStorable() {
    return raw >= -STORABLE_MAX_RAW && raw <= STORABLE_MAX_RAW;
  }

  public static Fixed of(BigDecimal value) {
    try {
      return new Fixed(value.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("decimal " + value.toPlainString()
          + " needs more than " + SCALE + " fractional digits or exceeds the fixed-point range");
    }
  }

  /** Rounds half-even to 8 digits: for values computed outside the contract (simulators, statistics). */
  public static Fixed ofRounded(BigDecimal value) {
    return of(value.setScale(SCALE, RoundingMode.HALF_EVEN));
  }

  /** For simulators only: rounds a double half-even to 8 digits. */
  public static Fixed ofDouble(double value) {
    return new Fixed(Math.round(value * ONE_RAW));
  }

  public Fixed plus(Fixed other) {
    return ofRaw(Math.addExact(raw, other.raw));
  }

  public Fixed minus(Fixed other) {
    return ofRaw(Math.subtractExact(raw, other.raw));
  }

  public Fixed negate() {
    return ofRaw(Math.negateExact(raw));
  }

  public Fixed abs() {
    return raw < 0 ? negate() : this;
  }

  /** Product rounded half-even to 8 digits; exact whenever the true product has at most 8 digits. */
  public Fixed times(Fixed other) {
    return ofRaw(timesRaw(raw, other.raw));
  }

  /**
   * {@link #times} on raw values: the raw product of two raw fixed-point values, for hot paths that keep raw longs
   * and allocate nothing. Throws {@link ArithmeticException} where {@code times} does.
   */
  public static long timesRaw(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
      return divideRoundHalfEven(lo, ONE_RAW);
    }
    long quotient = divide128RoundHalfEven(hi, lo, ONE_RAW);
    if (quotient != OUT_OF_RANGE) {
      return quotient;
    }
    // Out of range (or exactly Long.MIN_VALUE): the reference path returns or throws the same as always.
    return ofRounded(ofRaw(a).toBigDecimal().multiply(ofRaw(b).toBigDecimal())).raw();
  }

  /** Multiplies by an integer count exactly. */
  public Fixed times(long factor) {
    return ofRaw(Math.multiplyExact(raw, factor));
  }

  /** Quotient rounded half-even to 8 digits. */
  public Fixed dividedBy(Fixed divisor) {
    if (divisor.raw == 0) {
      throw new ArithmeticException("division by zero");
    }
    long hi = Math.multiplyHigh(raw, ONE_RAW);
    long scaled = raw * ONE_RAW;
    if ((hi == 0 && scaled >= 0) || (hi == -1 && scaled < 0)) {
      // raw·10^8 fits in a long (|this| below about 922): one long division, rounded half-even.
      return ofRaw(divideRoundHalfEvenAnySign(scaled, divisor.raw));
    }
    return ofRounded(toBigDecimal().divide(divisor.toBigDecimal(), SCALE, RoundingMode.HALF_EVEN));
  }

  /** Scales by basis points (1 bp = 1/10,000), rounded half-even. */
  public Fixed timesBps(long bps) {
    long hi = Math.multiplyHigh(raw, bps);
    long lo = raw * bps;
    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
      return ofRaw(divideRoundHalfEven(lo, BPS_PER_UNIT));
    }
    long quotient = divide128RoundHalfEven(hi, lo, BPS_PER_UNIT);
    if (quotient != OUT_OF_RANGE) {
      return ofRaw(quotient);
    }
    // Out of range (or exactly Long.MIN_VALUE): the reference path returns or throws the same as always.
    return ofRounded(toBigDecimal().multiply(BigDecimal.valueOf(bps)).movePointLeft(4));
  }

  /** True when this value is a whole multiple of {@code increment} (tick size, lot size). */
  public boolean isMultipleOf(Fixed increment) {
    return increment.raw != 0 && raw % increment.raw == 0;
  }

  public int signum() {
    return Long.signum(raw);
  }

  public boolean isZero() {
    return raw == 0;
  }

  public boolean isPositive() {
    return raw > 0;
  }

  public boolean isNegative() {
    return raw < 0;
  }

  public boolean greaterThan(Fixed other) {
    return raw > other.raw;
  }

  public boolean lessThan(Fixed other) {
    return raw < other.raw;
  }

  public static Fixed max(Fixed a, Fixed b) {
    return a.raw >= b.raw ? a : b;
  }

  public static Fixed min(Fixed a, Fixed b) {
    return a.raw <= b.raw ? a : b;
  }

  public BigDecimal toBigDecimal() {
    return BigDecimal.valueOf(raw, SCALE);
  }

  /** For charts and statistics only; never feed the result back into money arithmetic. */
  public double toDouble() {
    return raw / (double) ONE_RAW;
  }

  @Override
  public int compareTo(Fixed other) {
    return Long.compare(raw, other.raw);
  }

  /** Plain decimal without trailing zeros: {@code 101.5}, {@code -0.00000001}, {@code 0}. */
  @Override
  public String toString() {
    BigDecimal stripped = toBigDecimal().stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
  }

  private static final long BPS_PER_UNIT = 10_000L;
  private static final long LOW_32 = 0xFFFF_FFFFL;
  /** Sentinel of {@link #divide128RoundHalfEven}: the quotient is not a long other than MIN_VALUE. */
  private static final long OUT_OF_RANGE = Long.MIN_VALUE;

  /**
   * The signed 128-bit value {@code hi·2^64 + (lo unsigned)} divided by {@code divisor}, rounded half-even
   * (symmetrically, like BigDecimal), or {@link #OUT_OF_RANGE} when the rounded quotient is not in
   * {@code (Long.MIN_VALUE, Long.MAX_VALUE]}; callers take the BigDecimal path then, which returns or throws as always.
   * Requires {@code 0 < divisor < 2^31} and {@code |value| < 2^127} (true for any product of two longs, at most 2^126).
   * Schoolbook division of the magnitude: the high word at once, then two 32-bit limbs of the low word; every
   * intermediate dividend is {@code remainder·2^32 + limb < 2^31·2^32}, so plain signed long division is exact.
   */
  private static long divide128RoundHalfEven(long hi, long lo, long divisor) {
    boolean negative = hi < 0;
    if (negative) { // two's-complement negate the 128-bit value to get its magnitude
      lo = -lo;
      hi = lo == 0 ? -hi : ~hi;
    }
    long qHigh = hi / divisor; // quotient bits 64..127: must be 0 for a long result
    if (qHigh != 0) {
      return OUT_OF_RANGE;
    }
    long rem = hi % divisor;
    long cur = (rem << 32) | (lo >>> 32);
    long q1 = cur / divisor;
    rem = cur % divisor;
    cur = (rem << 32) | (lo & LOW_32);
    long q0 = cur / divisor;
    rem = cur % divisor;
    if (q1 > Integer.MAX_VALUE) { // quotient ≥ 2^63 before rounding
      return OUT_OF_RANGE;
    }
    long quotient = (q1 << 32) + q0; // q0 < 2^32, so this is q1·2^32 + q0 ≤ 2^63 - 1
    long twice = rem * 2;
    if (twice > divisor || (twice == divisor && (quotient & 1) != 0)) {
      quotient++; // MAX_VALUE + 1 wraps to MIN_VALUE, i.e. OUT_OF_RANGE
    }
    return negative ? (quotient == OUT_OF_RANGE ? OUT_OF_RANGE : -quotient) : quotient;
  }

  /**
   * Half-even quotient for any signs. Requires a non-zero divisor and not {@code MIN_VALUE / -1}; in
   * {@link #dividedBy} the dividend is a multiple of 10^8, which MIN_VALUE is not, and rounding can then not overflow.
   */
  private static long divideRoundHalfEvenAnySign(long dividend, long divisor) {
    long quotient = dividend / divisor;
    long remainder = dividend % divisor;
    if (remainder == 0) {
      return quotient;
    }
    // Compare |remainder| with |divisor| - |remainder| as unsigned: |divisor| may be 2^63, |remainder| is below it.
    long absRemainder = Math.abs(remainder);
    long rest = Math.abs(divisor) - absRemainder;
    int cmp = Long.compareUnsigned(absRemainder, rest);
    if (cmp > 0 || (cmp == 0 && (quotient & 1) != 0)) {
      quotient += (dividend ^ divisor) < 0 ? -1 : 1;
    }
    return quotient;
  }

  private static long divideRoundHalfEven(long dividend, long divisor) {
    long quotient = dividend / divisor;
    long remainder = dividend % divisor;
    long twice = Math.abs(remainder) * 2;
    if (twice > divisor || (twice == divisor && (quotient & 1) != 0)) {
      quotient += Long.signum(dividend);
    }
    return quotient;
  }
}
