package io.tradingrt.signal;

import io.tradingrt.codecs.Fixed;
import io.tradingrt.codecs.Tick;
import java.util.List;

/**
 * Fast/slow simple moving averages of the quote mid. When the fast average crosses above the slow one the target is
 * long {@code quantity}; when it crosses below, short {@code quantity} (stop-and-reverse, so the strategy is always
 * in the market after its first cross). The first full window only sets the regime: a cross needs a previous side.
 * Averages are compared exactly (fastSum × slow vs slowSum × fast, in 128 bits: windows of thousands of ticks at
 * prices in the hundreds overflow a long), so no rounding can invent or hide a cross. A tick allocates nothing: the
 * windows keep raw longs and the two targets are built once.
 */
public final class MovingAverageCrossover extends TargetPositionStrategy<MovingAverageCrossover.Averages> {

  static final class Averages {
    final RollingWindow fast;
    final RollingWindow slow;
    int lastSide;

    Averages(int fast, int slow) {
      this.fast = new RollingWindow(fast);
      this.slow = new RollingWindow(slow);
    }
  }

  private final int fast;
  private final int slow;
  private final Target longTarget;
  private final Target shortTarget;

  public MovingAverageCrossover(String name, List<String> symbols, int fast, int slow, Fixed quantity) {
    super(name, symbols);
    if (fast < 1 || slow <= fast) {
      throw new IllegalArgumentException("need 1 <= fast < slow, got fast " + fast + " and slow " + slow);
    }
    if (!quantity.isPositive()) {
      throw new IllegalArgumentException("quantity must be positive, got " + quantity);
    }
    this.fast = fast;
    this.slow = slow;
    this.longTarget = new Target(quantity, "SMA(" + fast + ") crossed above SMA(" + slow + ")");
    this.shortTarget = new Target(quantity.negate(), "SMA(" + fast + ") crossed below SMA(" + slow + ")");
  }

  @Override
  Averages newState() {
    return new Averages(fast, slow);
  }

  @Override
  Target target(Tick tick, Averages averages) {
    long mid = tick.midRaw();
    averages.fast.add(mid);
    averages.slow.add(mid);
    if (!averages.slow.isFull()) {
      return null;
    }
    int side = Integer.signum(compareProducts(averages.fast.sum(), slow, averages.slow.sum(), fast));
    int previous = averages.lastSide;
    if (side != 0) {
      averages.lastSide = side;
    }
    if (previous == 0 || side == 0 || side == previous) {
      return null;
    }
    return side > 0 ? longTarget : shortTarget;
  }

  /** Compares a × b with c × d exactly, as 128-bit signed products. */
  static int compareProducts(long a, long b, long c, long d) {
    long high = Math.multiplyHigh(a, b);
    long otherHigh = Math.multiplyHigh(c, d);
    if (high != otherHigh) {
      return Long.compare(high, otherHigh);
    }
    return Long.compareUnsigned(a * b, c * d);
  }
}
