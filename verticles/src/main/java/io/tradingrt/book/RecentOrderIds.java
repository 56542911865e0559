package io.tradingrt.book;

/**
 * The most recent client order ids, for duplicate detection: delivery is at-least-once, so a resubmission arrives
 * within seconds of the original. Bounded, so a runtime that trades for weeks does not remember every id it saw.
 *
 * <p>The ids live in two arrays, not in map entries: a ring in arrival order (the eldest is forgotten first) and an
 * open-addressing table (linear probing, deletion by backward shift) to find them. An id remembered costs its
 * reference in each array and no object of its own, so adding one allocates nothing once the arrays have grown to
 * the capacity; with a {@code LinkedHashMap} each id held an entry that every young collection copied until it was
 * tenured, and under thousands of orders a second those entries were most of what a young pause copied
 * (docs/benchmarks.md, issue 13). Exact: ids are compared with {@code equals}, never by hash alone.
 */
public final class RecentOrderIds {
  private static final int MIN_TABLE = 16;

  private final int capacity;
  /** Ids in arrival order, {@code size} of them from {@code head}, wrapping; grows by doubling up to the capacity. */
  private String[] ring;
  private int head;
  private int size;
  /** Open addressing, a power of two at least twice {@code size}; null is an empty slot. */
  private String[] table;

  public RecentOrderIds(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.ring = new String[Math.min(capacity, MIN_TABLE)];
    this.table = new String[MIN_TABLE * 2];
  }

  /** True the first time an id is seen (within the last {@code capacity} ids). */
  public boolean add(String clientOrderId) {
    if (slotOf(clientOrderId) >= 0) {
      return false;
    }
    if (size == capacity) {
      String eldest = ring[head];
      ring[head] = null;
      head = head + 1 == ring.length ? 0 : head + 1;
      size--;
      removeFromTable(eldest);
    } else if (size == ring.length) {
      growRing();
    }
    int tail = head + size;
    ring[tail >= ring.length ? tail - ring.length : tail] = clientOrderId;
    size++;
    if (size * 2 > table.length) {
      rehash(table.length * 2);
    }
    insert(table, clientOrderId);
    return true;
  }

  /** How many ids are remembered (at most the capacity). */
  public int size() {
    return size;
  }

  private static int home(String id, int mask) {
    int h = id.hashCode();
    return (h ^ (h >>> 16)) * 0x9E3779B9 >>> 7 & mask;
  }

  private int slotOf(String id) {
    int mask = table.length - 1;
    for (int i = home(id, mask); ; i = i + 1 & mask) {
      String at = table[i];
      if (at == null) {
        return -1;
      }
      if (at.equals(id)) {
        return i;
      }
    }
  }

  private static void insert(String[] into, String id) {
    int mask = into.length - 1;
    int i = home(id, mask);
    while (into[i] != null) {
      i = i + 1 & mask;
    }
    into[i] = id;
  }

  /** Deletes by shifting back the entries of the probe run that follow, so no tombstones are needed. */
  private void removeFromTable(String id) {
    int mask = table.length - 1;
    int gap = slotOf(id);
    table[gap] = null;
    for (int j = gap + 1 & mask; table[j] != null; j = j + 1 & mask) {
      int k = home(table[j], mask);
      // the entry at j may move to the gap unless its home lies cyclically in (gap, j]
      boolean homeBetween = gap <= j ? gap < k && k <= j : gap < k || k <= j;
      if (!homeBetween) {
        table[gap] = table[j];
        table[j] = null;
        gap = j;
      }
    }
  }

  private void growRing() {
    String[] grown = new String[(int) Math.min(capacity, ring.length * 2L)];
    for (int i = 0; i < size; i++) {
      int at = head + i;
      grown[i] = ring[at >= ring.length ? at - ring.length : at];
    }
    ring = grown;
    head = 0;
  }

  private void rehash(int length) {
    String[] grown = new String[length];
    for (String id : table) {
      if (id != null) {
        insert(grown, id);
      }
    }
    table = grown;
  }
}
