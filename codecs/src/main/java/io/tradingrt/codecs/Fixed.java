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
    long hi = Math.multiplyHigh(raw, other.raw);
    long lo = raw * other.raw;
    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
      return ofRaw(divideRoundHalfEven(lo, ONE_RAW));
    }
    return ofRounded(toBigDecimal().multiply(other.toBigDecimal()));
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
    return ofRounded(toBigDecimal().divide(divisor.toBigDecimal(), SCALE, RoundingMode.HALF_EVEN));
  }

  /** Scales by basis points (1 bp = 1/10,000), rounded half-even. */
  public Fixed timesBps(long bps) {
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
