package io.tradingrt.signal;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;
import java.math.BigInteger;
import java.util.List;

/**
 * Z-score of the quote mid against the last {@code window} mids (the current one included, population variance).
 * Above {@code entryZ} the target is short {@code quantity}, below −entryZ long; once |z| < {@code exitZ} it is flat;
 * in between the target is kept. The test compares z² exactly in integers instead of taking a square root:
 * with n values, sum S and sum of squares Q, z² = (n·mid − S)² / (n·Q − S²). The integers are those of
 * {@link #zoneExactly}, computed in 128- and 256-bit longs ({@link Wide}) so a tick allocates nothing; only values
 * beyond that range (n·mid or n·Q past 2^63 and 2^127) take the {@code BigInteger} path.
 */
public final class MeanReversion extends TargetPositionStrategy<RollingWindow> {

  private static final BigInteger SCALE_SQUARED = BigInteger.valueOf(Fixed.ONE_RAW).pow(2);
  private static final long SCALE_SQUARED_LONG = Fixed.ONE_RAW * Fixed.ONE_RAW;

  /** Where z lies: beyond ±entryZ (ABOVE/BELOW by the deviation's sign), inside ±exitZ, or in between. */
  static final int BELOW = -2;
  static final int INSIDE_EXIT = 0;
  static final int BETWEEN = 1;
  static final int ABOVE = 2;

  private final int window;
  private final BigInteger entryZSquared;
  private final BigInteger exitZSquared;
  private final long entryHigh;
  private final long entryLow;
  private final long exitHigh;
  private final long exitLow;
  private final Target shortTarget;
  private final Target longTarget;
  private final Target flatTarget;
  private final long[] deviationTerm = new long[4];
  private final long[] bandTerm = new long[4];

  public MeanReversion(String name, List<String> symbols, int window, Fixed entryZ, Fixed exitZ, Fixed quantity) {
    super(name, symbols);
    if (window < 2) {
      throw new IllegalArgumentException("window must be at least 2, got " + window);
    }
    if (exitZ.isNegative() || !entryZ.greaterThan(exitZ)) {
      throw new IllegalArgumentException("need 0 <= exitZ < entryZ, got exitZ " + exitZ + " and entryZ " + entryZ);
    }
    if (!quantity.isPositive()) {
      throw new IllegalArgumentException("quantity must be positive, got " + quantity);
    }
    this.window = window;
    this.entryZSquared = BigInteger.valueOf(entryZ.raw()).pow(2);
    this.exitZSquared = BigInteger.valueOf(exitZ.raw()).pow(2);
    this.entryHigh = Wide.multiplyHighUnsigned(entryZ.raw(), entryZ.raw());
    this.entryLow = entryZ.raw() * entryZ.raw();
    this.exitHigh = Wide.multiplyHighUnsigned(exitZ.raw(), exitZ.raw());
    this.exitLow = exitZ.raw() * exitZ.raw();
    this.shortTarget = new Target(quantity.negate(), "z-score above " + entryZ);
    this.longTarget = new Target(quantity, "z-score below -" + entryZ);
    this.flatTarget = new Target(Fixed.ZERO, "|z-score| below " + exitZ);
  }

  @Override
  RollingWindow newState() {
    return new RollingWindow(window, true);
  }

  @Override
  Target target(Tick tick, RollingWindow mids) {
    long mid = tick.midRaw();
    mids.add(mid);
    if (!mids.isFull()) {
      return null;
    }
    return switch (zone(mid, mids.sum(), mids.sumOfSquaresHigh(), mids.sumOfSquaresLow())) {
      case ABOVE -> shortTarget;
      case BELOW -> longTarget;
      case INSIDE_EXIT -> flatTarget;
      default -> null;
    };
  }

  /** The zone of {@code mid} in a full window with raw sum {@code sum} and Σ raw² = (squaresHigh, squaresLow). */
  int zone(long mid, long sum, long squaresHigh, long squaresLow) {
    long deviation;
    long spreadHigh;
    long spreadLow;
    try {
      deviation = Math.subtractExact(Math.multiplyExact(window, mid), sum);
      // n·Q, with Q below 2^127: multiplyExact/addExact throw past a signed 128-bit value
      long nqLow = window * squaresLow;
      long nqHigh = Math.addExact(Math.multiplyExact(window, squaresHigh),
          Wide.multiplyHighUnsigned(window, squaresLow));
      long magnitude = Math.abs(sum);
      long s2Low = magnitude * magnitude;
      long s2High = Wide.multiplyHighUnsigned(magnitude, magnitude);
      // n·Q ≥ S² (Cauchy–Schwarz), so the spread is a non-negative 128-bit value
      spreadLow = nqLow - s2Low;
      spreadHigh = nqHigh - s2High - (Long.compareUnsigned(nqLow, s2Low) < 0 ? 1 : 0);
    } catch (ArithmeticException beyondLongs) {
      return zoneExactly(mid, sum, BigInteger.valueOf(squaresHigh).shiftLeft(64)
          .add(new BigInteger(Long.toUnsignedString(squaresLow))));
    }
    boolean flat = spreadHigh == 0 && spreadLow == 0;
    long magnitude = Math.abs(deviation);
    // deviation² · scale² against k² · spread, for k = entryZ and k = exitZ (raw), as unsigned 256-bit products
    Wide.multiply(Wide.multiplyHighUnsigned(magnitude, magnitude), magnitude * magnitude, 0, SCALE_SQUARED_LONG,
        deviationTerm);
    if (!flat) {
      Wide.multiply(entryHigh, entryLow, spreadHigh, spreadLow, bandTerm);
      if (Wide.compare(deviationTerm, bandTerm) > 0) {
        return deviation > 0 ? ABOVE : BELOW;
      }
      Wide.multiply(exitHigh, exitLow, spreadHigh, spreadLow, bandTerm);
    }
    return flat || Wide.compare(deviationTerm, bandTerm) < 0 ? INSIDE_EXIT : BETWEEN;
  }

  /** The reference: the same test in {@code BigInteger}, for values beyond 128 bits (and for the properties). */
  int zoneExactly(long mid, long sum, BigInteger sumOfSquares) {
    BigInteger n = BigInteger.valueOf(window);
    BigInteger s = BigInteger.valueOf(sum);
    BigInteger deviation = n.multiply(BigInteger.valueOf(mid)).subtract(s);
    BigInteger spread = n.multiply(sumOfSquares).subtract(s.multiply(s));
    // z² > k² ⇔ deviation² · scale² > k_raw² · spread, all in exact integers
    BigInteger scaledDeviationSquared = deviation.multiply(deviation).multiply(SCALE_SQUARED);
    if (spread.signum() > 0 && scaledDeviationSquared.compareTo(entryZSquared.multiply(spread)) > 0) {
      return deviation.signum() > 0 ? ABOVE : BELOW;
    }
    if (spread.signum() == 0 || scaledDeviationSquared.compareTo(exitZSquared.multiply(spread)) < 0) {
      return INSIDE_EXIT;
    }
    return BETWEEN;
  }
}
