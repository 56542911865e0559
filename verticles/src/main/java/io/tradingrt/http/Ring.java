package io.tradingrt.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A bounded buffer of the most recent items: the oldest is overwritten, so hot state never grows with uptime. */
final class Ring<T> {
  private final Object[] items;
  private int next;
  private int size;

  Ring(int capacity) {
    items = new Object[capacity];
  }

  void add(T item) {
    items[next] = item;
    next = (next + 1) % items.length;
    size = Math.min(size + 1, items.length);
  }

  int size() {
    return size;
  }

  /** Items matching {@code filter}, newest first. */
  @SuppressWarnings("unchecked")
  List<T> newestFirst(Predicate<? super T> filter) {
    List<T> out = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      T item = (T) items[(next - i + items.length) % items.length];
      if (filter.test(item)) {
        out.add(item);
      }
    }
    return out;
  }

  List<T> newestFirst() {
    return newestFirst(item -> true);
  }

  @SuppressWarnings("unchecked")
  T newest() {
    return size == 0 ? null : (T) items[(next - 1 + items.length) % items.length];
  }
}
