package io.tradingrt.signal;

import io.tradingrt.codecs.Fixed;

import java.math.BigInteger;

/**
 * The last {@code capacity} values as raw fixed-point longs, with their exact running sum and, when asked for, their
 * exact running sum of squares: both kept up as values come and go, so a tick costs the same whatever the window.
 */
final class RollingWindow {

  private final long[] values;
  private final boolean squares;
  private int next;
  private int count;
  private long sum;
  /** Σ raw², an unsigned 128-bit value kept as two longs, so a tick allocates nothing. */
  private long squaresHigh;
  private long squaresLow;

  RollingWindow(int capacity) {
    this(capacity, false);
  }

  /** {@code squares}: also keep the sum of squares (it needs 128-bit arithmetic, so only strategies that use it). */
  RollingWindow(int capacity, boolean squares) {
    if (capacity < 1) {
      throw new IllegalArgumentException("window capacity must be at least 1, got " + capacity);
    }
    this.values = new long[capacity];
    this.squares = squares;
  }

  void add(Fixed value) {
    add(value.raw());
  }

  void add(long raw) {
    if (count == values.length) {
      long evicted = values[next];
      sum = Math.subtractExact(sum, evicted);
      if (squares) {
        subtractSquare(evicted);
      }
    } else {
      count++;
    }
    values[next] = raw;
    sum = Math.addExact(sum, raw);
    if (squares) {
      addSquare(raw);
    }
    next = next + 1 == values.length ? 0 : next + 1;
  }

  private void addSquare(long raw) {
    long magnitude = Math.abs(raw); // Long.MIN_VALUE stays 2^63 read unsigned, which is its magnitude
    long low = magnitude * magnitude;
    long high = Wide.multiplyHighUnsigned(magnitude, magnitude);
    long newLow = squaresLow + low;
    long carry = Long.compareUnsigned(newLow, low) < 0 ? 1 : 0;
    // a square is below 2^126: the high word stays a positive long until the sum passes 2^127, then addExact throws
    squaresHigh = Math.addExact(Math.addExact(squaresHigh, high), carry);
    squaresLow = newLow;
  }

  private void subtractSquare(long raw) {
    long magnitude = Math.abs(raw);
    long low = magnitude * magnitude;
    long high = Wide.multiplyHighUnsigned(magnitude, magnitude);
    long borrow = Long.compareUnsigned(squaresLow, low) < 0 ? 1 : 0;
    squaresLow -= low;
    squaresHigh = squaresHigh - high - borrow;
  }

  /** Exact Σ raw² of the values held; only for a window made with {@code squares}. For tests and the slow path. */
  BigInteger sumOfSquares() {
    requireSquares();
    return BigInteger.valueOf(squaresHigh).shiftLeft(64)
        .add(new BigInteger(Long.toUnsignedString(squaresLow)));
  }

  /** The high 64 bits of Σ raw² (a non-negative long below 2^63). */
  long sumOfSquaresHigh() {
    requireSquares();
    return squaresHigh;
  }

  /** The low 64 bits of Σ raw², unsigned. */
  long sumOfSquaresLow() {
    requireSquares();
    return squaresLow;
  }

  private void requireSquares() {
    if (!squares) {
      throw new IllegalStateException("this window does not keep its sum of squares");
    }
  }

  boolean isFull() {
    return count == values.length;
  }

  int size() {
    return count;
  }

  int capacity() {
    return values.length;
  }

  /** Raw sum of the values held. */
  long sum() {
    return sum;
  }

  /** The i-th value held, oldest first. */
  long raw(int i) {
    int start = count == values.length ? next : 0;
    return values[(start + i) % values.length];
  }
}
