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
  private BigInteger sumOfSquares = BigInteger.ZERO;

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
    long raw = value.raw();
    if (count == values.length) {
      long evicted = values[next];
      sum = Math.subtractExact(sum, evicted);
      if (squares) {
        BigInteger old = BigInteger.valueOf(evicted);
        sumOfSquares = sumOfSquares.subtract(old.multiply(old));
      }
    } else {
      count++;
    }
    values[next] = raw;
    sum = Math.addExact(sum, raw);
    if (squares) {
      BigInteger added = BigInteger.valueOf(raw);
      sumOfSquares = sumOfSquares.add(added.multiply(added));
    }
    next = (next + 1) % values.length;
  }

  /** Exact Σ raw² of the values held; only for a window made with {@code squares}. */
  BigInteger sumOfSquares() {
    if (!squares) {
      throw new IllegalStateException("this window does not keep its sum of squares");
    }
    return sumOfSquares;
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
