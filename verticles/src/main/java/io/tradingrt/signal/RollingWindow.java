package io.tradingrt.signal;

import io.tradingrt.codecs.Fixed;

/** The last {@code capacity} values as raw fixed-point longs, with their exact running sum. */
final class RollingWindow {

  private final long[] values;
  private int next;
  private int count;
  private long sum;

  RollingWindow(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("window capacity must be at least 1, got " + capacity);
    }
    this.values = new long[capacity];
  }

  void add(Fixed value) {
    if (count == values.length) {
      sum = Math.subtractExact(sum, values[next]);
    } else {
      count++;
    }
    values[next] = value.raw();
    sum = Math.addExact(sum, value.raw());
    next = (next + 1) % values.length;
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
