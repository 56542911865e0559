package io.tradingrt.signal;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Z-score of the quote mid against the last {@code window} mids (the current one included, population variance).
 * Above {@code entryZ} the target is short {@code quantity}, below −entryZ long; once |z| < {@code exitZ} it is flat;
 * in between the target is kept. The test compares z² exactly in integers instead of taking a square root:
 * with n values, sum S and sum of squares Q, z² = (n·mid − S)² / (n·Q − S²).
 */
public final class MeanReversion extends TargetPositionStrategy {

  private static final BigInteger SCALE_SQUARED = BigInteger.valueOf(Fixed.ONE_RAW).pow(2);

  private final int window;
  private final BigInteger entryZSquared;
  private final BigInteger exitZSquared;
  private final Fixed entryZ;
  private final Fixed exitZ;
  private final Fixed quantity;
  private final Map<String, RollingWindow> bySymbol = new HashMap<>();

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
    this.entryZ = entryZ;
    this.exitZ = exitZ;
    this.entryZSquared = BigInteger.valueOf(entryZ.raw()).pow(2);
    this.exitZSquared = BigInteger.valueOf(exitZ.raw()).pow(2);
    this.quantity = quantity;
  }

  @Override
  Target target(Tick tick) {
    RollingWindow mids = bySymbol.computeIfAbsent(tick.symbol(), symbol -> new RollingWindow(window, true));
    mids.add(tick.mid());
    if (!mids.isFull()) {
      return null;
    }
    BigInteger n = BigInteger.valueOf(window);
    BigInteger sum = BigInteger.valueOf(mids.sum());
    BigInteger sumOfSquares = mids.sumOfSquares();
    BigInteger deviation = n.multiply(BigInteger.valueOf(tick.mid().raw())).subtract(sum);
    BigInteger spread = n.multiply(sumOfSquares).subtract(sum.multiply(sum));
    // z² > k² ⇔ deviation² · scale² > k_raw² · spread, all in exact integers
    BigInteger scaledDeviationSquared = deviation.multiply(deviation).multiply(SCALE_SQUARED);
    if (spread.signum() > 0 && scaledDeviationSquared.compareTo(entryZSquared.multiply(spread)) > 0) {
      return deviation.signum() > 0
          ? new Target(quantity.negate(), "z-score above " + entryZ)
          : new Target(quantity, "z-score below -" + entryZ);
    }
    if (spread.signum() == 0 || scaledDeviationSquared.compareTo(exitZSquared.multiply(spread)) < 0) {
      return new Target(Fixed.ZERO, "|z-score| below " + exitZ);
    }
    return null;
  }
}
